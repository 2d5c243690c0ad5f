import Foundation
import TrainingCore

/// `atsbench logits`: eval-mode logits of a checkpoint on a tensor of images.
struct LogitsCommand: Command {
    static let name = "logits"
    static let summary = "compute eval-mode logits of a checkpoint on images from a safetensors file"
    static let help = """
        usage: atsbench logits [--model NAME --classes C] [--in-channels K] [--width W]
                               --checkpoint FILE --input FILE --out FILE [--batch-size B] [--threads T]

        Loads a checkpoint strictly (ours or a PyTorch state_dict saved as safetensors), runs
        the tensor `input` [N, C, H, W] (float32) of --input through the network in eval mode
        (running batch-norm statistics), and writes the tensor `logits` [N, classes] to --out.

        options:
          --model NAME        preset such as ResNet14, VGG8, WRN28-1 (see 'atsbench models'); default:
                              read from the checkpoint's metadata (atsbench checkpoints have it)
          --classes C         classes of the final layer (default: from the metadata)
          --in-channels K     input channels (default: taken from the input tensor)
          --width W           channel multiplier (default 1)
          --checkpoint FILE   safetensors state_dict with PyTorch names
          --input FILE        safetensors file with a float32 tensor `input` [N, C, H, W]
          --out FILE          safetensors file to write
          --batch-size B      images per forward pass (default 256)
          --threads T         worker threads (default: all cores); results do not depend on it
        """

    static let defaultBatchSize = 256

    static func run(_ arguments: inout Arguments) throws {
        let modelName = try arguments.value("--model", "--net_name")
        let classes = try arguments.integer("--classes", "--n_classes")
        let inChannelsOption = try arguments.integer("--in-channels")
        let width = try arguments.double("--width")
        let checkpointPath = try arguments.required("--checkpoint")
        let inputPath = try arguments.required("--input")
        let outputPath = try arguments.required("--out")
        let batchSize = try arguments.integer("--batch-size") ?? defaultBatchSize
        let threads = try arguments.integer("--threads") ?? Executor.availableCores
        try arguments.finish()
        guard batchSize >= 1 else {
            throw CommandLineError.invalidValue(option: "--batch-size", value: String(batchSize), expected: "an integer >= 1")
        }
        guard threads >= 1 else {
            throw CommandLineError.invalidValue(option: "--threads", value: String(threads), expected: "an integer >= 1")
        }

        let inputFile = try SafeTensors(contentsOf: URL(fileURLWithPath: inputPath))
        let images: Tensor
        do {
            images = try inputFile.tensor("input")
        } catch {
            throw FileError(path: inputPath, underlying: error)
        }
        guard images.rank == 4 else {
            throw FileError(path: inputPath, message: "tensor 'input' has shape \(images.shape); expected rank 4, [N, C, H, W]")
        }
        let inChannels = inChannelsOption ?? images.shape[1]
        let checkpoint = try SafeTensors(contentsOf: URL(fileURLWithPath: checkpointPath))
        let stored = try ModelConfiguration(metadata: checkpoint.metadata, prefix: "model")
        guard let modelName = modelName ?? stored?.name,
              let classes = classes ?? stored?.classes ?? Network.classCount(inState: checkpoint) else {
            throw FileError(path: checkpointPath, message: "the checkpoint does not name its model; pass --model and --classes")
        }
        let configuration = try ModelConfiguration(name: modelName, width: width ?? stored?.width ?? 1,
                                                   inChannels: inChannels, classes: classes)
        var generator = SeededGenerator(seed: 0, stream: "init")
        let network = try Network(configuration: configuration, inputHeight: images.shape[2], inputWidth: images.shape[3],
                                  executor: Executor(threadCount: threads), generator: &generator)
        try network.validateInput(shape: images.shape)
        do {
            try network.load(checkpoint)
        } catch {
            throw FileError(path: checkpointPath, underlying: error)
        }

        let logits = Evaluation.logits(of: network, images: images, batchSize: batchSize)
        var output = SafeTensors(metadata: [
            "producer": "atsbench logits",
            "model": configuration.displayName,
            "checkpoint": checkpointPath,
        ])
        output.set("logits", logits)
        try output.write(to: URL(fileURLWithPath: outputPath))
        print("wrote logits \(logits.shape) to \(outputPath)")
    }
}

/// An error about one file: its path and what was wrong.
struct FileError: Error, CustomStringConvertible {
    let path: String
    let message: String

    init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(path: String, underlying: Error) {
        self.path = path
        self.message = "\(underlying)"
    }

    var description: String {
        message.contains(path) ? message : "\(path): \(message)"
    }
}
