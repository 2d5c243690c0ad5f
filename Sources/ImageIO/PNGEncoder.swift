/// Encodes 8-bit RGBA pixels as PNG through libpng's simplified write API, then adds text
/// chunks, which that API cannot write.
public enum PNGEncoder {
    private static let signatureLength = 8
    private static let maximumSide = Int(Int32.max)

    /// Encodes a `width` x `height` image whose rows lie top to bottom in `rgba`, four bytes per
    /// pixel, alpha not premultiplied. The `textChunks` follow IHDR in the given order.
    ///
    /// The output depends only on the arguments and the libpng build, so equal inputs give
    /// equal bytes.
    public static func encode(width: Int, height: Int, rgba: [UInt8],
                              textChunks: [PNGTextChunk] = []) throws -> [UInt8] {
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height) else {
            throw ImageIOError.invalidSize(width: width, height: height)
        }
        let expectedCount = width.multipliedReportingOverflow(by: height * 4)
        guard !expectedCount.overflow, expectedCount.partialValue == rgba.count else {
            throw ImageIOError.pixelCountMismatch(expected: width * height * 4, actual: rgba.count)
        }
        let framedChunks = try textChunks.map { chunk -> [UInt8] in
            let (type, data) = try chunk.encodedChunk()
            return framed(type: type, data: data)
        }

        let encoded = try LibPNG.encodeRGBA(width: width, height: height, rgba: rgba)
        let insertionOffset = try endOfHeaderChunk(in: encoded)
        var output = Array(encoded[..<insertionOffset])
        for chunk in framedChunks {
            output += chunk
        }
        output += encoded[insertionOffset...]
        return output
    }

    /// Finds the offset just past IHDR, which PNG requires to be the first chunk.
    private static func endOfHeaderChunk(in png: [UInt8]) throws -> Int {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count >= signatureLength + 8, Array(png[..<signatureLength]) == signature else {
            throw ImageIOError.malformedEncoderOutput(reason: "missing PNG signature")
        }
        let lengthBytes = png[signatureLength..<signatureLength + 4]
        let dataLength = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
        let type = Array(png[signatureLength + 4..<signatureLength + 8])
        guard type == Array("IHDR".utf8) else {
            throw ImageIOError.malformedEncoderOutput(reason: "the first chunk is not IHDR")
        }
        // Length, type, data and CRC fields.
        let end = signatureLength + 4 + 4 + dataLength + 4
        guard end <= png.count else {
            throw ImageIOError.malformedEncoderOutput(reason: "IHDR runs past the end")
        }
        return end
    }

    /// Frames a chunk as PNG stores it: big-endian data length, type, data, and the CRC-32 of
    /// type and data.
    private static func framed(type: [UInt8], data: [UInt8]) -> [UInt8] {
        let crc = CRC32.checksum(type + data)
        return bigEndianBytes(UInt32(data.count)) + type + data + bigEndianBytes(crc)
    }

    private static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
