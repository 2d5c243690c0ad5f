import Foundation
import TrainingCore

/// `atsbench data`: loads a data set and prints what it found, with digests to compare copies.
enum DataCommand: Command {
    static let name = "data"
    static let summary = "load a data set and print its splits, class counts and digests"
    static let help = """
        usage: atsbench data --dataset NAME [--data-dir DIR] [--download] [--mirror URL]

        Loads a data set and prints, for each split, the image count, image shape, classes
        with per-class counts, and SHA-256 digests of the decoded pixels (uint8, in N, C, H, W
        order) and of the labels (one byte each, in file order).

        options:
          --dataset NAME     fashion-mnist, cifar10, cifar100, synthetic or folder
          --data-dir DIR     where the data set lives (--data_dir also accepted); defaults:
                             /usr/share/datasets/fashion-mnist for fashion-mnist, ./data for CIFAR
          --download         fetch the CIFAR archive if the folder is missing, check its MD5, unpack it
          --mirror URL       base URL to download from instead of the CIFAR site
          --channels N       channels to decode image folders into: 1 (gray) or 3 (RGB); default 3
        synthetic data set:
          --train-size N     training images (default 1000)
          --test-size N      test images (default 200)
          --classes N        classes (default 10; --n_classes also accepted)
          --superclasses N   groups of similar classes (default 2)
          --shape CxHxW      image shape (default 3x32x32)
          --seed N           generator seed (default 0)
        """

    static func run(_ arguments: inout Arguments) throws {
        let datasetName = try arguments.required("--dataset")
        let directory = try arguments.value("--data-dir", "--data_dir")
        let download = try arguments.flag("--download")
        let mirror = try arguments.value("--mirror")
        let channels = try arguments.integer("--channels") ?? 3
        let synthetic = try parseSynthetic(&arguments)
        try arguments.finish()

        var source = try DatasetSource.named(datasetName, directory: directory, synthetic: synthetic)
        if case .imageFolder(let folder, _) = source, channels != 3 {
            source = .imageFolder(directory: folder, channels: channels)
        }
        if download, try source.downloadIfMissing(mirror: mirror) {
            print("downloaded the \(source.name) archive into \(source.directory ?? ".")")
        }
        let splits = try source.load()

        print("dataset \(source.name)" + (source.directory.map { " in \($0)" } ?? ""))
        for dataset in [splits.train, splits.test] {
            printSummary(dataset)
        }
    }

    private static func parseSynthetic(_ arguments: inout Arguments) throws -> SyntheticDataset {
        var synthetic = try DataOptions.parseSynthetic(&arguments, seedOption: "--seed")
        synthetic.classCount = try arguments.integer("--classes", "--n_classes") ?? synthetic.classCount
        return synthetic
    }

    private static func printSummary(_ dataset: Dataset) {
        let shape = dataset.imageShape.map(String.init).joined(separator: "x")
        print("split \(dataset.split): \(dataset.count) images of \(shape), \(dataset.classCount) classes")
        for (label, count) in dataset.classCounts.enumerated() {
            print("  \(label) \(dataset.classNames[label]): \(count)")
        }
        print("  pixels sha256 \(dataset.pixelDigest)")
        print("  labels sha256 \(dataset.labelDigest ?? "(not computed: more than 256 classes)")")
    }
}
