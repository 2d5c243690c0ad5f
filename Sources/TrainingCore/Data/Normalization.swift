/// Per-channel normalisation of pixels: `x = (p / 255 - mean[c]) / std[c]`.
public struct Normalization: Sendable, Equatable {
    public let mean: [Float]
    public let standardDeviation: [Float]

    public init(mean: [Float], standardDeviation: [Float]) {
        precondition(mean.count == standardDeviation.count, "one mean and one deviation per channel")
        precondition(standardDeviation.allSatisfy { $0 > 0 }, "standard deviations must be positive")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The ImageNet constants that the reference CIFAR training uses (torchvision's values).
    public static let imageNet = Normalization(
        mean: [0.485, 0.456, 0.406], standardDeviation: [0.229, 0.224, 0.225])

    /// The Fashion-MNIST training set's pixel mean and standard deviation.
    public static let fashionMNIST = Normalization(mean: [0.2860], standardDeviation: [0.3530])

    /// Mean 0.5 and deviation 0.5 for every channel, mapping 0...255 onto -1...1.
    public static func centered(channels: Int) -> Normalization {
        Normalization(
            mean: [Float](repeating: 0.5, count: channels),
            standardDeviation: [Float](repeating: 0.5, count: channels))
    }

    public var channels: Int { mean.count }

    /// The normalised value of every byte 0...255 for each channel, `[C][256]`, so batch
    /// assembly is a table look-up.
    func lookupTables() -> [[Float]] {
        (0..<channels).map { channel in
            (0..<256).map { byte in
                (Float(byte) / 255 - mean[channel]) / standardDeviation[channel]
            }
        }
    }
}
