/// An 8-bit image with interleaved channels, read from (and later written to) PNG through
/// libpng's simplified `png_image_*` API (see `LibPNG`).
///
/// `pixels` is `[H, W, C]` row-major: gray (C = 1), RGB (C = 3) or RGBA (C = 4).
public struct PNGImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition([1, 3, 4].contains(channels), "channels must be 1, 3 or 4, got \(channels)")
        precondition(pixels.count == width * height * channels,
                     "\(width)x\(height)x\(channels) needs \(width * height * channels) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Decodes PNG file bytes, converting to `channels` (1 gray, 3 RGB, 4 RGBA) whatever the
    /// file stores. Alpha is composited onto black when the output has no alpha channel.
    /// NOTE: libpng treats 16-bit samples as linear light and converts them to 8-bit sRGB,
    /// so a 16-bit file does not decode to its high bytes.
    public init(decoding data: [UInt8], channels: Int) throws {
        precondition([1, 3, 4].contains(channels), "channels must be 1, 3 or 4, got \(channels)")
        let decoded = try LibPNG.decode(data, channels: channels)
        let (width, height, pixels) = decoded
        self.init(width: width, height: height, channels: channels, pixels: pixels)
    }
}
