import Foundation
import TrainingCore

/// Seeds of one run: one per named stream, so each source of randomness can vary alone.
struct SeedOptions {
    var initSeed: UInt64
    var orderSeed: UInt64
    var augmentSeed: UInt64
    /// Whether the base seed was drawn from the system because none was given.
    var drawnFromSystem: Bool

    static let helpText = """
        seeds:
          --seed S             seed of every stream (default: drawn from the system and printed)
          --init-seed S        seed of the weight initialisation alone
          --order-seed S       seed of the shuffling alone
          --augment-seed S     seed of the crops and flips alone
        """

    static func parse(_ arguments: inout Arguments) throws -> SeedOptions {
        let base = try arguments.integer("--seed")
        let drawn = base == nil
        let baseSeed = try base.map(Self.checked) ?? SystemSeed.draw()
        return SeedOptions(
            initSeed: try arguments.integer("--init-seed").map(Self.checked) ?? baseSeed,
            orderSeed: try arguments.integer("--order-seed").map(Self.checked) ?? baseSeed,
            augmentSeed: try arguments.integer("--augment-seed").map(Self.checked) ?? baseSeed,
            drawnFromSystem: drawn)
    }

    private static func checked(_ value: Int) throws -> UInt64 {
        guard value >= 0 else {
            throw CommandLineError.invalidValue(option: "--seed", value: String(value), expected: "an integer >= 0")
        }
        return UInt64(value)
    }

    var metadata: [String: String] {
        ["seed.init": String(initSeed), "seed.order": String(orderSeed), "seed.augment": String(augmentSeed)]
    }

    /// The flags that replay these seeds.
    var replayFlags: String {
        if initSeed == orderSeed && orderSeed == augmentSeed { return "--seed \(initSeed)" }
        return "--init-seed \(initSeed) --order-seed \(orderSeed) --augment-seed \(augmentSeed)"
    }
}

/// A seed for "unseeded" runs, read from the kernel's random source so it can be recorded
/// and replayed.
enum SystemSeed {
    /// Seeds stay below 2^53 so that they survive JSON and spreadsheet round trips exactly.
    static let limit: UInt64 = 1 << 53

    static func draw() throws -> UInt64 {
        guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else {
            throw FileError(path: "/dev/urandom", message: "cannot open the system's random source; pass --seed")
        }
        defer { try? handle.close() }
        let bytes = handle.readData(ofLength: 8)
        guard bytes.count == 8 else {
            throw FileError(path: "/dev/urandom", message: "short read; pass --seed")
        }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) } % limit
    }
}

/// The network options: a preset name, or the original scripts' family and depth.
struct ModelOptions {
    var name: String
    var width: Double

    static let helpText = """
        model:
          --model NAME         preset such as ResNet14, VGG8, WRN28-1 (--net_name); or
          --net FAMILY --n_layer DEPTH [--widen K]   ResNet, VGG or WRN with a depth
          --width W            channel multiplier (default 1)
        """

    /// Removes the model options; `teacher` reads the teacher's (`--teacher-model`, `--t_net_name`, ...).
    static func parse(_ arguments: inout Arguments, teacher: Bool = false) throws -> ModelOptions {
        guard let options = try parseOptional(&arguments, teacher: teacher) else {
            let prefix = teacher ? "--teacher-" : "--"
            let snake = teacher ? "--t_" : "--"
            throw CommandLineError.missingOption(command: arguments.command,
                                                 option: prefix + "model NAME (or \(snake)net with \(snake)n_layer)")
        }
        return options
    }

    /// Like `parse`, but returns nil when no model is named at all.
    static func parseOptional(_ arguments: inout Arguments, teacher: Bool = false) throws -> ModelOptions? {
        let kebab = teacher ? "--teacher-" : "--"
        let snake = teacher ? "--t_" : "--"
        let width = try arguments.double(kebab + "width")
        let family = try arguments.value(snake + "net")
        let depth = try arguments.integer(snake + "n_layer")
        let widen = try arguments.integer(kebab + "widen") ?? 1
        if let name = try arguments.value(kebab + "model", snake + "net_name") {
            return ModelOptions(name: name, width: width ?? 1)
        }
        guard let family, let depth else {
            if family != nil || depth != nil || width != nil {
                throw CommandLineError.missingOption(
                    command: arguments.command,
                    option: kebab + "model NAME (or both \(snake)net and \(snake)n_layer) with " + kebab + "width")
            }
            return nil
        }
        let name = family.lowercased() == "wrn" ? "WRN\(depth)-\(widen)" : "\(family)\(depth)"
        return ModelOptions(name: name, width: width ?? 1)
    }

    func configuration(inChannels: Int, classes: Int) throws -> ModelConfiguration {
        try ModelConfiguration(name: name, width: width, inChannels: inChannels, classes: classes)
    }
}

/// Optimiser and schedule options, with the reference protocol's defaults.
struct OptimizationOptions {
    var epochs: Int
    var learningRate: Double
    var momentum: Double
    var weightDecay: Double
    var batchSize: Int
    var schedule: LearningRateSchedule
    var augment: Bool

    static let helpText = """
        training:
          --epochs N           epochs (--epoches; default 240)
          --lr X               base learning rate (default 0.05)
          --momentum X         SGD momentum (default 0.9)
          --weight-decay X     weight decay on every parameter (default 5e-4)
          --batch-size N       images per step (--batch_size; default 128)
          --schedule S         wskd (default), cosine, constant or step:M1,M2[:GAMMA]
          --no-augment         train without the pad-4 random crop and horizontal flip
        """

    static func parse(_ arguments: inout Arguments) throws -> OptimizationOptions {
        let options = OptimizationOptions(
            epochs: try arguments.integer("--epochs", "--epoches") ?? 240,
            learningRate: try arguments.double("--lr", "--learning-rate") ?? 0.05,
            momentum: try arguments.double("--momentum") ?? 0.9,
            weightDecay: try arguments.double("--weight-decay", "--weight_decay") ?? 5e-4,
            batchSize: try arguments.integer("--batch-size", "--batch_size") ?? 128,
            schedule: try arguments.value("--schedule").map(LearningRateSchedule.init(parsing:)) ?? .wskd,
            augment: !(try arguments.flag("--no-augment")))
        guard options.batchSize >= 1 else {
            throw CommandLineError.invalidValue(option: "--batch-size", value: String(options.batchSize),
                                                expected: "an integer >= 1")
        }
        return options
    }
}

/// Where a run writes its log and checkpoints, with the original scripts' flag names.
struct OutputOptions {
    var logPath: String?
    var checkpointPath: String
    var checkpointEvery: Int?

    static let helpText = """
        output:
          --ckpt-dir DIR       checkpoint folder (--ckpt_dir; default ./ckpts)
          --ckpt-name NAME     checkpoint file name (--ckpt_name; default MODEL.safetensors for
                               classify, MODEL-WAY.safetensors for distill, WAY as --kd-way); the
                               file is safetensors whatever its extension
          --checkpoint-every K also save after every K-th epoch, as NAME.epochK
          --log-dir DIR        folder of the epoch log (--log_dir; default ./logs when --log-name is set)
          --log-name NAME      epoch log file (--log_name); the epoch lines also go to standard output
        """

    static func parse(_ arguments: inout Arguments, defaultName: String) throws -> OutputOptions {
        let checkpointDirectory = try arguments.value("--ckpt-dir", "--ckpt_dir") ?? "./ckpts"
        let checkpointName = try arguments.value("--ckpt-name", "--ckpt_name") ?? defaultName + ".safetensors"
        let logDirectory = try arguments.value("--log-dir", "--log_dir")
        let logName = try arguments.value("--log-name", "--log_name")
        let every = try arguments.integer("--checkpoint-every")
        if let every, every < 1 {
            throw CommandLineError.invalidValue(option: "--checkpoint-every", value: String(every),
                                                expected: "an integer >= 1")
        }
        let logPath = logName.map { URL(fileURLWithPath: logDirectory ?? "./logs").appendingPathComponent($0).path }
        return OutputOptions(
            logPath: logPath,
            checkpointPath: URL(fileURLWithPath: checkpointDirectory).appendingPathComponent(checkpointName).path,
            checkpointEvery: every)
    }
}

/// Reads `--threads N` (default: every core).
func parseThreads(_ arguments: inout Arguments) throws -> Int {
    let threads = try arguments.integer("--threads") ?? Executor.availableCores
    guard threads >= 1 else {
        throw CommandLineError.invalidValue(option: "--threads", value: String(threads), expected: "an integer >= 1")
    }
    return threads
}
