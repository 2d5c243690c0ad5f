/// Training-time augmentation: zero padding plus a random crop back to the original size,
/// and a random horizontal flip, as torchvision's `RandomCrop(32, padding=4)` and
/// `RandomHorizontalFlip()` in the reference training.
public struct Augmentation: Sendable, Equatable {
    /// Pixels of zero padding on each side before the crop; 0 turns cropping off.
    public let padding: Int
    /// Whether to flip half the images left to right.
    public let flipsHorizontally: Bool

    public init(padding: Int, flipsHorizontally: Bool) {
        precondition(padding >= 0, "padding must not be negative, got \(padding)")
        self.padding = padding
        self.flipsHorizontally = flipsHorizontally
    }

    /// No augmentation, for evaluation.
    public static let none = Augmentation(padding: 0, flipsHorizontally: false)

    /// Pad 4, random crop, random horizontal flip: the reference CIFAR training augmentation.
    public static let padCropFlip = Augmentation(padding: 4, flipsHorizontally: true)

    public var isIdentity: Bool { padding == 0 && !flipsHorizontally }

    /// Where one image is cropped from and whether it is flipped.
    struct Placement: Sendable, Equatable {
        /// Offsets of the crop in the padded image, in `0...2 * padding`; `padding` is centred.
        var rowOffset: Int
        var columnOffset: Int
        var isFlipped: Bool
    }

    /// Draws one placement. The draws per image are fixed (crop row, crop column, flip) so
    /// that the augment stream advances by the same amount whatever the outcome.
    func drawPlacement(_ generator: inout SeededGenerator) -> Placement {
        let span = 2 * padding + 1
        let row = generator.nextIndex(below: span)
        let column = generator.nextIndex(below: span)
        let flip = generator.nextUniform() < 0.5
        return Placement(rowOffset: row, columnOffset: column, isFlipped: flipsHorizontally && flip)
    }
}
