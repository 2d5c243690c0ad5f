import ImageIO

// Test helpers, shared by the ImageIO and Plotting tests, that read back what the encoder wrote: pixels through ImageIO's own libpng
// decoder, and the raw chunk list with each chunk's stored CRC.

public struct DecodedPNG {
    public var width: Int
    public var height: Int
    /// Rows top to bottom, four bytes per pixel, alpha not premultiplied.
    public var rgba: [UInt8]
}

public struct TestPNGError: Error, CustomStringConvertible {
    public var description: String
}

public func decodePNG(_ bytes: [UInt8]) throws -> DecodedPNG {
    let image = try PNGImage(decoding: bytes, channels: 4)
    return DecodedPNG(width: image.width, height: image.height, rgba: image.pixels)
}

/// One chunk as stored in the file, with the CRC-32 its last four bytes carry.
public struct StoredChunk {
    public var type: String
    public var data: [UInt8]
    public var storedCRC: UInt32
}

/// Splits a PNG byte stream into its chunks; throws on a missing signature or a truncated chunk.
public func storedChunks(of png: [UInt8]) throws -> [StoredChunk] {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard png.count >= 8, Array(png[..<8]) == signature else {
        throw TestPNGError(description: "missing PNG signature")
    }
    var chunks: [StoredChunk] = []
    var offset = 8
    while offset < png.count {
        guard offset + 12 <= png.count else { throw TestPNGError(description: "truncated chunk at \(offset)") }
        let length = Int(bigEndianUInt32(png, at: offset))
        let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
        let dataEnd = offset + 8 + length
        guard dataEnd + 4 <= png.count else { throw TestPNGError(description: "truncated \(type) at \(offset)") }
        chunks.append(StoredChunk(type: type, data: Array(png[offset + 8..<dataEnd]),
                                  storedCRC: bigEndianUInt32(png, at: dataEnd)))
        offset = dataEnd + 4
    }
    return chunks
}

private func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
}
