import Foundation
import TrainingCore

/// The source of a teacher's logits and the matching labels: a safetensors file of
/// logits dumped elsewhere, or a teacher checkpoint evaluated on a data set split.
enum TeacherLogitsSource {
    /// Removes the source options from `arguments` and returns logits `[N, C]` and labels.
    static func load(from arguments: inout Arguments) throws -> (logits: Tensor, labels: [Int]) {
        let logitsPath = try arguments.value("--logits")
        let teacherPath = try arguments.value("--teacher")
        switch (logitsPath, teacherPath) {
        case (let path?, nil):
            return try loadFile(path)
        case (nil, let path?):
            return try evaluateTeacher(path, arguments: &arguments)
        case (.some, .some):
            throw CommandLineError.invalidValue(option: "--logits", value: "together with --teacher",
                                                expected: "one source: --logits FILE or --teacher CHECKPOINT")
        case (nil, nil):
            throw CommandLineError.missingOption(command: arguments.command,
                                                 option: "--logits FILE or --teacher CHECKPOINT")
        }
    }

    static func loadFile(_ path: String) throws -> (logits: Tensor, labels: [Int]) {
        let file = try SafeTensors(contentsOf: URL(fileURLWithPath: path))
        guard file.entries["logits"] != nil else {
            throw FileError(path: path, message: "no tensor 'logits'; expected float32 `logits` [N, C] and int64 `labels` [N]")
        }
        guard file.entries["labels"] != nil else {
            throw FileError(path: path, message: "no tensor 'labels'; the file needs int64 `labels` [N] beside `logits`")
        }
        let logits: Tensor, labels: [Int64]
        do {
            logits = try file.tensor("logits")
            labels = try file.int64s("labels")
        } catch {
            throw FileError(path: path, underlying: error)
        }
        guard logits.rank == 2, logits.shape[1] >= 2 else {
            throw FileError(path: path, message: "tensor 'logits' has shape \(logits.shape); expected [N, C] with C >= 2")
        }
        guard labels.count == logits.shape[0] else {
            throw FileError(path: path, message: "\(labels.count) labels for \(logits.shape[0]) rows of logits")
        }
        guard logits.shape[0] >= 2 else {
            throw FileError(path: path, message: "intervals need at least 2 samples, the file has \(logits.shape[0])")
        }
        let classes = logits.shape[1]
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw FileError(path: path, message: "label \(labels[bad]) at index \(bad) is outside 0..<\(classes)")
        }
        if let bad = logits.scalars.firstIndex(where: { !$0.isFinite }) {
            throw FileError(path: path, message: "logits contain \(logits.scalars[bad]) at flat index \(bad)")
        }
        return (logits, labels.map(Int.init))
    }

    /// Loads the teacher checkpoint at `path` and computes its eval-mode logits once, on one
    /// split, with the data set's default normalisation and no augmentation.
    static func evaluateTeacher(_ path: String, arguments: inout Arguments) throws -> (logits: Tensor, labels: [Int]) {
        let model = try ModelOptions.parseOptional(&arguments)
        var data = try DataOptions.parse(&arguments, defaultDataset: nil)
        let split = try arguments.value("--split") ?? "test"
        let threads = try parseThreads(&arguments)

        let subset = try measuredSubset(of: data, split: split)
        data.trainSubset = split == "train" ? subset : nil
        data.testSubset = split == "test" ? subset : nil

        let splits = try data.load()
        let dataset = split == "train" ? splits.train : splits.test
        guard dataset.count >= 2 else {
            throw CommandLineError.invalidValue(option: "--split", value: split,
                                                expected: "a split with at least 2 images, for the intervals; it has \(dataset.count)")
        }

        let executor = Executor(threadCount: threads)
        let teacher = try TeacherLoader.load(path: path, model: model, splits: splits, executor: executor,
                                             modelOptionHint: "--model NAME and --width W")
        let loader = BatchLoader(dataset: dataset, batchSize: LogitsCommand.defaultBatchSize,
                                 normalization: data.source.defaultNormalization(channels: dataset.channels))

        var scalars: [Float] = []
        scalars.reserveCapacity(dataset.count * teacher.configuration.classes)
        for batch in loader.epoch(0, executor: executor) {
            scalars += teacher.logits(batch.images).scalars
        }
        let logits = Tensor(shape: [dataset.count, teacher.configuration.classes], scalars: scalars)
        if let bad = logits.scalars.firstIndex(where: { !$0.isFinite }) {
            throw FileError(path: path, message: "the teacher's logits contain \(logits.scalars[bad]) "
                                                 + "(image \(bad / logits.shape[1]) of the \(split) split); "
                                                 + "the checkpoint's weights are not usable")
        }
        return (logits, dataset.labels)
    }

    /// Returns the subset rule of the measured split. `--subset` applies to the measured split,
    /// train or test, and `--test-subset` is accepted for the test split, so that no subset
    /// option is silently ignored.
    private static func measuredSubset(of data: DataOptions, split: String) throws -> DatasetSubset? {
        switch split {
        case "test":
            if data.trainSubset != nil, data.testSubset != nil {
                throw CommandLineError.invalidValue(option: "--test-subset", value: "together with --subset",
                                                    expected: "one subset rule for the measured split")
            }
            return data.testSubset ?? data.trainSubset
        case "train":
            if data.testSubset != nil {
                throw CommandLineError.invalidValue(option: "--test-subset", value: "with --split train",
                                                    expected: "--subset, which applies to the measured split")
            }
            return data.trainSubset
        default:
            throw CommandLineError.invalidValue(option: "--split", value: split, expected: "test or train")
        }
    }
}
