import Foundation
import TrainingCore

/// `atsbench classify`: trains a network on labels (a teacher, or a student baseline).
struct ClassifyCommand: Command {
    static let name = "classify"
    static let summary = "train a network with cross-entropy on a data set (run_classify.py)"
    static let help = """
        usage: atsbench classify --model NAME [options]

        Trains a network with cross-entropy and SGD, evaluates it on the test split after every
        epoch, prints the original scripts' line per epoch
          [Epoch:1] [Loss:4.6034] [TrAcc:0.0110] [TeAcc:0.0107]
        and saves a safetensors checkpoint with PyTorch names, the configuration and the seeds.
        The original run_classify.py flags are accepted too, for example:
          atsbench classify --dataset fashion-mnist --n_classes 10 --net ResNet --n_layer 14 \\
            --net_name ResNet14 --epoches 2 --lr 0.03 --momentum 0.9 --batch_size 128 \\
            --ckpt_dir ./ckpts --log_dir ./logs --log_name teacher.log --ckpt_name fmnist-ResNet14.ckpt

        \(ModelOptions.helpText)
          --n_classes C        must equal the data set's class count when given (--classes)

        \(DataOptions.helpText)
        \(OptimizationOptions.helpText)
        \(SeedOptions.helpText)
        \(OutputOptions.helpText)
          --threads T          worker threads (default: all cores); results do not depend on it

        Exit status: 0 finished, 1 error, 3 the loss diverged (NaN or infinite; the line says where).
        """

    static func run(_ arguments: inout Arguments) throws {
        let model = try ModelOptions.parse(&arguments)
        let classes = try arguments.integer("--classes", "--n_classes")
        let data = try DataOptions.parse(&arguments, classes: classes)
        let optimization = try OptimizationOptions.parse(&arguments)
        let seeds = try SeedOptions.parse(&arguments)
        let output = try OutputOptions.parse(&arguments, defaultName: model.name)
        let threads = try parseThreads(&arguments)
        try arguments.finish()

        let splits = try data.load()
        try checkClassCount(classes, splits: splits)
        let configuration = try model.configuration(inChannels: splits.train.channels, classes: splits.train.classCount)
        var generator = SeededGenerator(seed: seeds.initSeed, stream: "init")
        let network = try Network(configuration: configuration, inputHeight: splits.train.height,
                                  inputWidth: splits.train.width, executor: Executor(threadCount: threads),
                                  generator: &generator)
        let run = TrainingRun(command: name, data: data, seeds: seeds, optimization: optimization, output: output,
                              threads: threads)
        let status = try run.execute(network: network, splits: splits, teacher: nil, loss: nil,
                                     metadata: configuration.metadata(prefix: "model"))
        if status != 0 { exit(status) }
    }

    /// `--n_classes` is a check in atsbench: the class count comes from the data.
    static func checkClassCount(_ classes: Int?, splits: DatasetSplits) throws {
        if let classes, classes != splits.train.classCount {
            throw CommandLineError.invalidValue(
                option: "--n_classes", value: String(classes),
                expected: "the data set's class count, \(splits.train.classCount)")
        }
    }
}
