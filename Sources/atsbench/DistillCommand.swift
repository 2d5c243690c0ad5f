import Foundation
import TrainingCore

/// `atsbench distill`: trains a student from a frozen teacher with TS or ATS soft labels.
struct DistillCommand: Command {
    static let name = "distill"
    static let summary = "distill a student from a teacher checkpoint with TS or ATS (run_distill.py)"
    static let help = """
        usage: atsbench distill --teacher CHECKPOINT --model NAME [options]

        Trains a student on (1 - lamb) * CE + lamb * s_tau^2 * KD, where KD is the cross-entropy
        between the teacher's soft labels and the student's softmax at temperature s_tau. The
        teacher is frozen: eval mode, running statistics, no gradients; it sees the same
        augmented batch as the student. TS softens every class with one temperature; ATS uses
        tp_tau for the labelled class and t_tau for the others (Li et al., NeurIPS 2022).
        The original run_distill.py flags are accepted too (--kd_way, --tp_tau, --t_tau, --s_tau,
        --lamb, --t_net, --t_n_layer, --t_net_name, ...).

        distillation:
          --teacher FILE       teacher checkpoint: ours, or a PyTorch state_dict saved as safetensors
          --teacher-model NAME teacher preset (--t_net_name, or --t_net with --t_n_layer); default:
                               read from our checkpoint's metadata
          --teacher-width W    teacher channel multiplier (default 1, or from the metadata)
          --kd-way WAY         TS (default), ATS, or CE (labels only, teacher unused) (--kd_way)
          --tau X              TS temperature (default: --t-tau if given, else 4)
          --tp-tau X           ATS temperature of the labelled class (--tp_tau; default 4)
          --t-tau X            ATS temperature of the other classes (--t_tau; default 2)
          --s-tau X            student temperature (--s_tau; default 1)
          --lamb X             weight of the distillation term in [0, 1] (--lambda; default 0.5)

        \(ModelOptions.helpText)
          --n_classes C        must equal the data set's class count when given (--classes)

        \(DataOptions.helpText)
        \(OptimizationOptions.helpText)
        \(SeedOptions.helpText)
        \(OutputOptions.helpText)
          --threads T          worker threads (default: all cores); results do not depend on it

        Each epoch prints [Epoch:E] [Loss:...] [TrAcc:...] [TeAcc:...] and a line with the CE and
        KD terms. Exit status: 0 finished, 1 error, 3 the loss diverged.
        """

    static func run(_ arguments: inout Arguments) throws {
        let teacherPath = try arguments.required("--teacher")
        let teacherModel = try ModelOptions.parseOptional(&arguments, teacher: true)
        let loss = try parseLoss(&arguments)
        let student = try ModelOptions.parse(&arguments)
        let classes = try arguments.integer("--classes", "--n_classes")
        let data = try DataOptions.parse(&arguments, classes: classes)
        let optimization = try OptimizationOptions.parse(&arguments)
        let seeds = try SeedOptions.parse(&arguments)
        let output = try OutputOptions.parse(&arguments, defaultName: "\(student.name)-\(loss.metadata["kd.way"] ?? "KD")")
        let threads = try parseThreads(&arguments)
        try arguments.finish()

        let splits = try data.load()
        try ClassifyCommand.checkClassCount(classes, splits: splits)
        let executor = Executor(threadCount: threads)
        let teacher = try TeacherLoader.load(path: teacherPath, model: teacherModel, splits: splits, executor: executor)
        let configuration = try student.configuration(inChannels: splits.train.channels,
                                                      classes: splits.train.classCount)
        var generator = SeededGenerator(seed: seeds.initSeed, stream: "init")
        let network = try Network(configuration: configuration, inputHeight: splits.train.height,
                                  inputWidth: splits.train.width, executor: executor, generator: &generator)

        var metadata = configuration.metadata(prefix: "model")
            .merging(teacher.configuration.metadata(prefix: "teacher")) { first, _ in first }
        metadata["teacher.checkpoint"] = teacherPath
        metadata.merge(loss.metadata) { first, _ in first }
        let run = TrainingRun(command: name, data: data, seeds: seeds, optimization: optimization, output: output,
                              threads: threads)
        let status = try run.execute(network: network, splits: splits, teacher: teacher, loss: loss.function,
                                     metadata: metadata)
        if status != 0 { exit(status) }
    }

    struct ParsedLoss {
        let function: AsymmetricTemperatureLoss
        let metadata: [String: String]
    }

    static func parseLoss(_ arguments: inout Arguments) throws -> ParsedLoss {
        let way = (try arguments.value("--kd-way", "--kd_way") ?? "TS").uppercased()
        let tau = try arguments.double("--tau")
        let trueTau = try arguments.double("--tp-tau", "--tp_tau")
        let wrongTau = try arguments.double("--t-tau", "--t_tau")
        let studentTau = try arguments.double("--s-tau", "--s_tau") ?? 1
        let lambda = try arguments.double("--lamb", "--lambda") ?? 0.5

        // Checked here so that the message names the option typed; the loss would name its own field.
        for (option, value) in [("--tau", tau), ("--tp-tau", trueTau), ("--t-tau", wrongTau), ("--s-tau", studentTau)] {
            if let value, value <= 0 {
                throw CommandLineError.invalidValue(option: option, value: String(value), expected: "a temperature > 0")
            }
        }
        guard (0...1).contains(lambda) else {
            throw CommandLineError.invalidValue(option: "--lamb", value: String(lambda), expected: "a value in [0, 1]")
        }

        let function: AsymmetricTemperatureLoss
        switch way {
        case "TS":
            if let trueTau, let wrongTau, trueTau != wrongTau {
                throw CommandLineError.invalidValue(
                    option: "--kd_way", value: "TS with tp_tau \(trueTau) and t_tau \(wrongTau)",
                    expected: "one temperature for TS (equal tp_tau and t_tau, or --tau), or --kd_way ATS")
            }
            function = try .temperatureScaling(lambda: lambda, tau: tau ?? wrongTau ?? trueTau ?? 4,
                                               studentTau: studentTau)
        case "ATS":
            function = try AsymmetricTemperatureLoss(lambda: lambda, trueTau: trueTau ?? 4, wrongTau: wrongTau ?? 2,
                                                     studentTau: studentTau)
        case "CE":
            function = try AsymmetricTemperatureLoss(lambda: 0, trueTau: 1, wrongTau: 1, studentTau: 1)
        default:
            throw CommandLineError.invalidValue(option: "--kd-way", value: way, expected: "TS, ATS or CE")
        }
        return ParsedLoss(function: function, metadata: [
            "kd.way": way, "kd.lamb": String(function.lambda), "kd.tp_tau": String(function.trueTau),
            "kd.t_tau": String(function.wrongTau), "kd.s_tau": String(function.studentTau),
        ])
    }
}

/// Builds a frozen teacher from a checkpoint, checking it against the data first.
enum TeacherLoader {
    /// `modelOptionHint` names the caller's model options, for the error when neither they nor
    /// the checkpoint's metadata name the model.
    static func load(path: String, model: ModelOptions?, splits: DatasetSplits, executor: Executor,
                     modelOptionHint: String = "--teacher-model NAME (or --t_net_name) and --teacher-width")
        throws -> FrozenNetwork {
        let file = try SafeTensors(contentsOf: URL(fileURLWithPath: path))
        let dataClasses = splits.train.classCount
        if let classes = Network.classCount(inState: file), classes != dataClasses {
            throw FileError(path: path, underlying: DistillationError.classCountMismatch(teacher: classes,
                                                                                       dataset: dataClasses))
        }
        let configuration: ModelConfiguration
        if let model {
            configuration = try model.configuration(inChannels: splits.train.channels, classes: dataClasses)
        } else if let stored = try ModelConfiguration(metadata: file.metadata, prefix: "model") {
            configuration = stored
        } else {
            throw FileError(path: path, message: "the checkpoint does not name its model; pass \(modelOptionHint)")
        }
        // The metadata's channel count is not checked by loading the weights, and a mismatch
        // would only fail at the first forward pass.
        guard configuration.inChannels == splits.train.channels else {
            throw FileError(path: path, message: "the teacher \(configuration.displayName) takes "
                                                 + "\(configuration.inChannels)-channel images but the data set "
                                                 + "'\(splits.train.name)' has \(splits.train.channels) channels")
        }
        do {
            return try FrozenNetwork(configuration: configuration, state: file, inputHeight: splits.train.height,
                                     inputWidth: splits.train.width, executor: executor)
        } catch {
            throw FileError(path: path, underlying: error)
        }
    }
}
