/// A seeded synthetic image data set whose classes are grouped into super-classes.
///
/// Each super-class has a random coarse pattern, and each class adds its own smaller
/// pattern to its super-class's, so a class resembles the other classes of its group more
/// than the rest (as CIFAR-100's fine classes do within its 20 super-classes). An image is
/// its class pattern plus independent Gaussian pixel noise, clamped to 0...255. The same
/// configuration and seed give the same bytes on every machine.
public struct SyntheticDataset: Sendable, Equatable {
    public var trainCount: Int
    public var testCount: Int
    public var classCount: Int
    /// The number of class groups; class `k` belongs to group `k * superclassCount / classCount`.
    public var superclassCount: Int
    public var channels: Int
    public var height: Int
    public var width: Int
    public var seed: UInt64

    /// Pattern amplitudes and noise, in pixel units around the mid-grey `baseLevel`.
    static let baseLevel = 128.0
    static let superclassAmplitude = 48.0
    static let classAmplitude = 24.0
    static let noiseStandardDeviation = 24.0
    /// Patterns are drawn on a grid of this many cells per side and upsampled by repetition,
    /// so they have spatial structure that a convolution can pick up.
    static let patternGridSize = 4

    public init(
        trainCount: Int = 1000, testCount: Int = 200, classCount: Int = 10, superclassCount: Int = 2,
        channels: Int = 3, height: Int = 32, width: Int = 32, seed: UInt64 = 0
    ) {
        self.trainCount = trainCount
        self.testCount = testCount
        self.classCount = classCount
        self.superclassCount = superclassCount
        self.channels = channels
        self.height = height
        self.width = width
        self.seed = seed
    }

    /// Checks the configuration, naming the first invalid parameter.
    public func validate() throws {
        let checks: [(String, Int, Bool, String)] = [
            ("train size", trainCount, trainCount >= 0, "zero or more images"),
            ("test size", testCount, testCount >= 0, "zero or more images"),
            ("class count", classCount, classCount >= 1 && classCount <= 256, "1 to 256 classes"),
            ("super-class count", superclassCount, superclassCount >= 1 && superclassCount <= classCount,
             "1 to the class count (\(classCount))"),
            ("channels", channels, channels >= 1, "at least 1"),
            ("height", height, height >= 1, "at least 1"),
            ("width", width, width >= 1, "at least 1"),
        ]
        for (name, value, isValid, expected) in checks where !isValid {
            throw DataError.invalidParameter(name: name, value: String(value), expected: expected)
        }
    }

    /// The super-class of class `label`.
    public func superclass(of label: Int) -> Int {
        label * superclassCount / classCount
    }

    /// Generates both splits.
    public func makeSplits() throws -> DatasetSplits {
        try validate()
        let patterns = classPatterns()
        return DatasetSplits(
            train: makeSplit("train", count: trainCount, patterns: patterns),
            test: makeSplit("test", count: testCount, patterns: patterns))
    }

    /// One pattern of `C * H * W` pixel offsets per class: its super-class's plus its own.
    private func classPatterns() -> [[Double]] {
        var generator = SeededGenerator(seed: seed, stream: "synthetic.patterns")
        let superclassPatterns = (0..<superclassCount).map { _ in
            randomPattern(amplitude: Self.superclassAmplitude, generator: &generator)
        }
        return (0..<classCount).map { label in
            let own = randomPattern(amplitude: Self.classAmplitude, generator: &generator)
            return zip(superclassPatterns[superclass(of: label)], own).map { $0 + $1 }
        }
    }

    private func randomPattern(amplitude: Double, generator: inout SeededGenerator) -> [Double] {
        let grid = Self.patternGridSize
        let cells = (0..<(channels * grid * grid)).map { _ in amplitude * generator.nextGaussian() }
        var pattern = [Double](repeating: 0, count: channels * height * width)
        for channel in 0..<channels {
            for row in 0..<height {
                for column in 0..<width {
                    let cell = (channel * grid + row * grid / height) * grid + column * grid / width
                    pattern[(channel * height + row) * width + column] = cells[cell]
                }
            }
        }
        return pattern
    }

    private func makeSplit(_ split: String, count: Int, patterns: [[Double]]) -> Dataset {
        var generator = SeededGenerator(seed: seed, stream: "synthetic.\(split)")

        // Balanced classes (counts differ by at most one) in a seeded order.
        let order = generator.permutation(of: count)
        let labels = order.map { $0 % classCount }

        let imageSize = channels * height * width
        var pixels = [UInt8](repeating: 0, count: count * imageSize)
        for (index, label) in labels.enumerated() {
            for offset in 0..<imageSize {
                let value = Self.baseLevel + patterns[label][offset]
                    + Self.noiseStandardDeviation * generator.nextGaussian()
                pixels[index * imageSize + offset] = UInt8(min(255, max(0, value.rounded())))
            }
        }
        return Dataset(
            name: "synthetic", split: split, channels: channels, height: height, width: width,
            pixels: pixels, labels: labels, classNames: (0..<classCount).map { "class\($0)" },
            coarseLabels: labels.map(superclass(of:)),
            coarseClassNames: (0..<superclassCount).map { "group\($0)" })
    }
}

extension SyntheticDataset {
    /// Parses an image shape written `CxHxW`, such as `3x32x32`; nil unless all three are >= 1.
    public static func shape(parsing text: String) -> (channels: Int, height: Int, width: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let channels = parts[0], let height = parts[1], let width = parts[2],
              channels >= 1, height >= 1, width >= 1 else { return nil }
        return (channels, height, width)
    }
}
