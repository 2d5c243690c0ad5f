import Foundation

/// The source of a data set. Its registry maps the names users type (`fashion-mnist`,
/// `cifar10`, `cifar100`, `synthetic`, `folder`) to a loader and a directory.
public enum DatasetSource: Sendable, Equatable {
    /// IDX files `{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]` directly in `directory`.
    case fashionMNIST(directory: String)
    /// `cifar-10-batches-py/` or `cifar-10-batches-bin/` inside `directory`.
    case cifar10(directory: String)
    /// `cifar-100-python/` or `cifar-100-binary/` inside `directory`.
    case cifar100(directory: String)
    case synthetic(SyntheticDataset)
    /// `directory/CLASS/*.png`, or `directory/{train,test}/CLASS/*.png` for two splits.
    /// `channels` is what every image is converted to: 1 (gray) or 3 (RGB).
    case imageFolder(directory: String, channels: Int = 3)

    public static let names = ["fashion-mnist", "cifar10", "cifar100", "synthetic", "folder"]

    /// The directory of the IDX files that Debian's dataset-fashion-mnist package installs.
    public static let defaultFashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"
    /// The original scripts' default `--data_dir`.
    public static let defaultCIFARDirectory = "./data"

    /// Looks up `name`; `directory` overrides the data set's default directory, and
    /// `synthetic` configures the synthetic data set.
    public static func named(
        _ name: String, directory: String? = nil, synthetic: SyntheticDataset = SyntheticDataset()
    ) throws -> DatasetSource {
        switch name.lowercased() {
        case "fashion-mnist", "fashion_mnist", "fashionmnist":
            return .fashionMNIST(directory: directory ?? defaultFashionMNISTDirectory)
        case "cifar10", "cifar-10":
            return .cifar10(directory: directory ?? defaultCIFARDirectory)
        case "cifar100", "cifar-100":
            return .cifar100(directory: directory ?? defaultCIFARDirectory)
        case "synthetic":
            return .synthetic(synthetic)
        case "folder":
            guard let directory else {
                throw DataError.invalidParameter(
                    name: "data directory", value: "(none)", expected: "a directory of CLASS/*.png folders")
            }
            return .imageFolder(directory: directory)
        default:
            throw DataError.unknownDataset(name: name, known: names)
        }
    }

    /// The registry name.
    public var name: String {
        switch self {
        case .fashionMNIST: return "fashion-mnist"
        case .cifar10: return "cifar10"
        case .cifar100: return "cifar100"
        case .synthetic: return "synthetic"
        case .imageFolder: return "folder"
        }
    }

    /// The directory read, or nil for the synthetic data set.
    public var directory: String? {
        switch self {
        case .fashionMNIST(let directory), .cifar10(let directory), .cifar100(let directory),
             .imageFolder(let directory, _):
            return directory
        case .synthetic:
            return nil
        }
    }

    /// Loads the training and test splits.
    public func load() throws -> DatasetSplits {
        switch self {
        case .fashionMNIST(let directory):
            return try FashionMNIST.load(directory: directory)
        case .cifar10(let directory):
            return try CIFARLoader.load(.cifar10, directory: directory)
        case .cifar100(let directory):
            return try CIFARLoader.load(.cifar100, directory: directory)
        case .synthetic(let configuration):
            return try configuration.makeSplits()
        case .imageFolder(let directory, let channels):
            return try ImageFolderLoader.load(directory: directory, channels: channels)
        }
    }

    /// Downloads and unpacks the data set's archive unless its folder exists; returns whether
    /// it downloaded. Only CIFAR has a download; Fashion-MNIST comes from a Debian package.
    @discardableResult
    public func downloadIfMissing(mirror: String? = nil) throws -> Bool {
        switch self {
        case .cifar10(let directory):
            return try Downloader.ensure(Downloader.archive(for: .cifar10), in: directory, mirror: mirror)
        case .cifar100(let directory):
            return try Downloader.ensure(Downloader.archive(for: .cifar100), in: directory, mirror: mirror)
        case .fashionMNIST, .synthetic, .imageFolder:
            throw DataError.invalidParameter(
                name: "data set to download", value: name, expected: "cifar10 or cifar100")
        }
    }

    /// Returns the default normalisation: the reference's ImageNet constants for CIFAR, the training
    /// set's statistics for Fashion-MNIST, and mean 0.5, deviation 0.5 otherwise.
    public func defaultNormalization(channels: Int) -> Normalization {
        switch self {
        case .cifar10, .cifar100: return .imageNet
        case .fashionMNIST: return .fashionMNIST
        case .synthetic, .imageFolder: return .centered(channels: channels)
        }
    }
}

/// Fashion-MNIST's file names and class names.
enum FashionMNIST {
    static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    static func load(directory: String) throws -> DatasetSplits {
        DatasetSplits(
            train: try loadSplit("train", prefix: "train", directory: directory),
            test: try loadSplit("test", prefix: "t10k", directory: directory))
    }

    private static func loadSplit(_ split: String, prefix: String, directory: String) throws -> Dataset {
        try IDXReader.readDataset(
            name: "fashion-mnist", split: split,
            imagesPath: try locate("\(prefix)-images-idx3-ubyte", in: directory),
            labelsPath: try locate("\(prefix)-labels-idx1-ubyte", in: directory),
            classNames: classNames)
    }

    /// The path of `name.gz` or else `name` in `directory`.
    private static func locate(_ name: String, in directory: String) throws -> String {
        let base = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        for candidate in [base + ".gz", base] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        throw DataError.fileNotFound(
            path: base + "[.gz]",
            hint: "install Debian's dataset-fashion-mnist package or pass --data-dir with the IDX files")
    }
}
