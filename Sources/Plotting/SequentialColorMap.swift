/// A colour map for ordered values, interpolated in sRGB between evenly spaced stops.
struct SequentialColorMap {
    let stops: [RGBColor]

    /// Viridis (van der Walt and Smith, matplotlib 1.5, 2015) sampled at nine evenly spaced
    /// positions: lightness rises monotonically and it stays ordered under colour-vision
    /// deficiencies and in grey scale.
    static let viridis = SequentialColorMap(stops: [
        0x440154, 0x472C7A, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
    ].map { RGBColor(hex: $0) })

    /// Interpolates the colour at `fraction` in 0...1, clamping values outside that range.
    func color(at fraction: Double) -> RGBColor {
        let clamped = min(max(fraction, 0), 1)
        let position = clamped * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        return stops[index].interpolated(to: stops[index + 1], fraction: position - Double(index))
    }
}
