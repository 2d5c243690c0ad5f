import Foundation
import TrainingCore

/// The data-set options shared by every command that reads images: which data set, where,
/// whether to download it, the synthetic generator's settings, and budget subsets.
struct DataOptions {
    var source: DatasetSource
    var download: Bool
    var mirror: String?
    var trainSubset: DatasetSubset?
    var testSubset: DatasetSubset?

    static let helpText = """
        data:
          --dataset NAME       fashion-mnist (default), cifar10, cifar100, synthetic or folder
          --data-dir DIR       where the data set lives (--data_dir); defaults:
                               /usr/share/datasets/fashion-mnist, ./data for CIFAR
          --download           fetch the CIFAR archive if its folder is missing (--download True)
          --mirror URL         base URL to download from instead of the CIFAR site
          --channels N         channels to decode image folders into: 1 or 3 (default 3)
          --subset RULE        keep part of the training split: first:K (first K images per class)
                               or sample:K (K per class, drawn with --subset-seed)
          --test-subset RULE   the same for the test split
          --subset-seed S      seed of sample:K subsets (default 0)
        synthetic data set:
          --train-size N --test-size N --superclasses N --shape CxHxW --synthetic-seed N
        """

    /// Removes the data options from `arguments`; `defaultDataset` applies when `--dataset`
    /// is absent (nil makes it required).
    static func parse(_ arguments: inout Arguments, defaultDataset: String? = "fashion-mnist",
                      classes: Int? = nil) throws -> DataOptions {
        let name: String
        if let given = try arguments.value("--dataset") {
            name = given
        } else if let defaultDataset {
            name = defaultDataset
        } else {
            throw CommandLineError.missingOption(command: arguments.command, option: "--dataset")
        }
        let directory = try arguments.value("--data-dir", "--data_dir")
        let download = try arguments.flag("--download")
        let mirror = try arguments.value("--mirror")
        let channels = try arguments.integer("--channels") ?? 3
        var synthetic = try parseSynthetic(&arguments)
        if let classes {
            synthetic.classCount = classes
        }
        let subsetSeed = try arguments.integer("--subset-seed") ?? 0
        let trainSubset = try parseSubset(arguments.value("--subset"), option: "--subset", seed: subsetSeed)
        let testSubset = try parseSubset(arguments.value("--test-subset"), option: "--test-subset", seed: subsetSeed)

        var source = try DatasetSource.named(name, directory: directory, synthetic: synthetic)
        if case .imageFolder(let folder, _) = source {
            guard channels == 1 || channels == 3 else {
                throw CommandLineError.invalidValue(option: "--channels", value: String(channels), expected: "1 or 3")
            }
            source = .imageFolder(directory: folder, channels: channels)
        }
        return DataOptions(source: source, download: download, mirror: mirror,
                           trainSubset: trainSubset, testSubset: testSubset)
    }

    /// Downloads if asked, loads both splits and applies the subsets.
    func load() throws -> DatasetSplits {
        if download, try source.downloadIfMissing(mirror: mirror) {
            standardError("downloaded the \(source.name) archive into \(source.directory ?? ".")")
        }
        var splits = try source.load()
        if let trainSubset {
            splits.train = trainSubset.apply(to: splits.train)
        }
        if let testSubset {
            splits.test = testSubset.apply(to: splits.test)
        }
        return splits
    }

    /// Removes the synthetic data set's options; `seedOption` names its generator seed
    /// (`--synthetic-seed` where `--seed` seeds the training run).
    static func parseSynthetic(_ arguments: inout Arguments, seedOption: String = "--synthetic-seed")
        throws -> SyntheticDataset {
        var synthetic = SyntheticDataset()
        synthetic.trainCount = try arguments.integer("--train-size") ?? synthetic.trainCount
        synthetic.testCount = try arguments.integer("--test-size") ?? synthetic.testCount
        synthetic.superclassCount = try arguments.integer("--superclasses") ?? synthetic.superclassCount
        if let seed = try arguments.integer(seedOption) {
            guard seed >= 0 else {
                throw CommandLineError.invalidValue(option: seedOption, value: String(seed),
                                                    expected: "a non-negative integer")
            }
            synthetic.seed = UInt64(seed)
        }
        if let text = try arguments.value("--shape") {
            guard let shape = SyntheticDataset.shape(parsing: text) else {
                throw CommandLineError.invalidValue(option: "--shape", value: text, expected: "CxHxW, such as 3x32x32")
            }
            (synthetic.channels, synthetic.height, synthetic.width) = shape
        }
        return synthetic
    }

    /// Parses a subset rule given with `option`; nil when the option is absent.
    static func parseSubset(_ text: String?, option: String, seed: Int) throws -> DatasetSubset? {
        guard let text else { return nil }
        guard seed >= 0, let subset = DatasetSubset(rule: text, seed: UInt64(seed)) else {
            throw CommandLineError.invalidValue(option: option, value: text,
                                                expected: DatasetSubset.ruleSyntax + " and --subset-seed >= 0")
        }
        return subset
    }
}
