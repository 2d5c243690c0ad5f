import CPNG

/// The one wrapper of libpng, through its simplified `png_image_*` API (the classic API
/// needs setjmp/longjmp, which Swift cannot use). This file is the only one that imports CPNG.
enum LibPNG {
    /// Decodes PNG bytes into `[H, W, C]` pixels with `channels` 1 (gray), 3 (RGB) or 4 (RGBA).
    static func decode(_ data: [UInt8], channels: Int) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        // libpng keeps the memory pointer from begin_read and reads it again in finish_read,
        // so both calls must run while `data`'s storage is pinned.
        return try data.withUnsafeBytes { buffer in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            try check(png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count), image: &image)

            image.format = format(channels: channels)
            let width = Int(image.width)
            let height = Int(image.height)
            // Zero-filled, because libpng composites a removed alpha channel onto the buffer.
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let finished = pixels.withUnsafeMutableBytes { output in
                png_image_finish_read(&image, nil, output.baseAddress, Int32(width * channels), nil)
            }
            try check(finished, image: &image)
            return (width, height, pixels)
        }
    }

    /// Runs `png_image_write_to_memory` twice: once to learn the size, once to write.
    static func encodeRGBA(width: Int, height: Int, rgba: [UInt8]) throws -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        // PNG_FORMAT_RGBA, a macro Swift cannot import.
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        defer { png_image_free(&image) }

        var byteCount = 0
        let sized = rgba.withUnsafeBytes { pixels in
            png_image_write_to_memory(&image, nil, &byteCount, 0, pixels.baseAddress, 0, nil)
        }
        guard sized != 0, byteCount > 0 else {
            throw ImageIOError.libpngFailure(message: message(of: &image))
        }

        var output = [UInt8](repeating: 0, count: byteCount)
        let written = output.withUnsafeMutableBytes { memory in
            rgba.withUnsafeBytes { pixels in
                png_image_write_to_memory(&image, memory.baseAddress, &byteCount, 0,
                                          pixels.baseAddress, 0, nil)
            }
        }
        guard written != 0 else {
            throw ImageIOError.libpngFailure(message: message(of: &image))
        }
        return Array(output[..<byteCount])
    }

    /// libpng's NUL-terminated `message` field, a fixed 64-byte C array.
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "no message" : String(decoding: bytes, as: UTF8.self)
        }
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
