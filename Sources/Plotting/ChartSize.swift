/// A chart's size in points; the PNG has `width * scaleFactor` x `height * scaleFactor` pixels.
public struct ChartSize: Equatable, Sendable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}
