import CPNG

/// An 8-bit image with interleaved channels, read from (and later written to) PNG through
/// libpng's simplified `png_image_*` API. This file is the only one that imports CPNG.
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
        // libpng keeps the memory pointer from begin_read and reads it again in finish_read,
        // so both calls must run while `data`'s storage is pinned.
        let decoded = try data.withUnsafeBytes { buffer in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            try Self.check(png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count), image: &image)

            image.format = Self.format(channels: channels)
            let width = Int(image.width)
            let height = Int(image.height)
            // Zero-filled, because libpng composites a removed alpha channel onto the buffer.
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let finished = pixels.withUnsafeMutableBytes { output in
                png_image_finish_read(&image, nil, output.baseAddress, Int32(width * channels), nil)
            }
            try Self.check(finished, image: &image)
            return (width, height, pixels)
        }
        let (width, height, pixels) = decoded
        self.init(width: width, height: height, channels: channels, pixels: pixels)
    }

    private static func format(channels: Int) -> UInt32 {
        switch channels {
        case 1: return UInt32(PNG_FORMAT_GRAY)
        case 3: return UInt32(PNG_FORMAT_RGB)
        default: return UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        }
    }

    /// Turns a failed libpng call into an error with libpng's message; frees the image.
    private static func check(_ status: Int32, image: inout png_image) throws {
        guard status == 0 || image.warning_or_error & 0x03 > 1 else { return }
        let message = withUnsafeBytes(of: image.message) { buffer in
            String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        png_image_free(&image)
        throw ImageIOError.decodingFailed(reason: message.isEmpty ? "libpng status \(status)" : message)
    }
}
