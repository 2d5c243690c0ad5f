/// One split of an image classification data set, held as decoded bytes.
///
/// `pixels` is `[N, C, H, W]` in row-major order, one byte per channel value (0...255), in
/// the order the images appear in their files. `labels[i]` is the class of image `i`, in
/// `0..<classNames.count`. Data sets with a two-level hierarchy (CIFAR-100's 20
/// super-classes, the synthetic set's groups) also carry `coarseLabels`.
public struct Dataset: Sendable, Equatable {
    /// The registry name of the data set, for example "cifar100".
    public let name: String
    /// The split, for example "train" or "test".
    public let split: String
    public let channels: Int
    public let height: Int
    public let width: Int
    public let pixels: [UInt8]
    public let labels: [Int]
    public let classNames: [String]
    /// Per-image super-class labels in `0..<coarseClassNames.count`, when the data set has them.
    public let coarseLabels: [Int]?
    public let coarseClassNames: [String]?

    public init(
        name: String, split: String, channels: Int, height: Int, width: Int,
        pixels: [UInt8], labels: [Int], classNames: [String],
        coarseLabels: [Int]? = nil, coarseClassNames: [String]? = nil
    ) {
        precondition(channels > 0 && height > 0 && width > 0,
                     "image shape must be positive, got \(channels)x\(height)x\(width)")
        precondition(pixels.count == labels.count * channels * height * width,
                     "\(labels.count) images of \(channels)x\(height)x\(width) need "
                        + "\(labels.count * channels * height * width) bytes, got \(pixels.count)")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < classNames.count },
                     "labels must lie in 0..<\(classNames.count)")
        precondition((coarseLabels == nil) == (coarseClassNames == nil),
                     "coarse labels and coarse class names come together")
        if let coarseLabels, let coarseClassNames {
            precondition(coarseLabels.count == labels.count, "one coarse label per image")
            precondition(coarseLabels.allSatisfy { $0 >= 0 && $0 < coarseClassNames.count },
                         "coarse labels must lie in 0..<\(coarseClassNames.count)")
        }
        self.name = name
        self.split = split
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
        self.coarseLabels = coarseLabels
        self.coarseClassNames = coarseClassNames
    }

    /// The number of images, `N`.
    public var count: Int { labels.count }

    public var classCount: Int { classNames.count }

    /// Bytes per image, `C * H * W`.
    public var imageSize: Int { channels * height * width }

    /// The shape of one image, `[C, H, W]`.
    public var imageShape: [Int] { [channels, height, width] }

    /// The number of images of each class, indexed by label.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels {
            counts[label] += 1
        }
        return counts
    }

    /// The images at `indices`, in that order, as a new data set of the same split.
    public func selecting(_ indices: [Int]) -> Dataset {
        let size = imageSize
        var selectedPixels = [UInt8]()
        selectedPixels.reserveCapacity(indices.count * size)
        for index in indices {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            selectedPixels.append(contentsOf: pixels[(index * size)..<((index + 1) * size)])
        }
        return Dataset(
            name: name, split: split, channels: channels, height: height, width: width,
            pixels: selectedPixels, labels: indices.map { labels[$0] }, classNames: classNames,
            coarseLabels: coarseLabels.map { coarse in indices.map { coarse[$0] } },
            coarseClassNames: coarseClassNames)
    }

    /// The SHA-256 digest of the pixels as stored (uint8, `[N, C, H, W]`), in lowercase hex.
    public var pixelDigest: String {
        SHA256.hexDigest(of: pixels)
    }

    /// The SHA-256 digest of the labels, one byte each in file order, in lowercase hex, or
    /// nil when a label does not fit in a byte (an image folder with more than 256 classes).
    public var labelDigest: String? {
        guard classCount <= 256 else { return nil }
        return SHA256.hexDigest(of: labels.map { UInt8($0) })
    }
}

/// The training and test splits of one data set.
public struct DatasetSplits: Sendable {
    public var train: Dataset
    public var test: Dataset

    public init(train: Dataset, test: Dataset) {
        self.train = train
        self.test = test
    }
}
