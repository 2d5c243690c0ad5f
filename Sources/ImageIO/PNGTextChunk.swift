/// One keyword and text pair stored in a PNG file, such as `Title` or `Software`.
///
/// Text that Latin-1 can represent is written as a `tEXt` chunk. Other text is written as an
/// uncompressed `iTXt` chunk in UTF-8, so a title with Greek letters survives intact.
public struct PNGTextChunk: Equatable, Sendable {
    /// The PNG keyword: 1 to 79 printable Latin-1 characters.
    public var keyword: String
    public var text: String

    public init(keyword: String, text: String) {
        self.keyword = keyword
        self.text = text
    }

    /// Builds the chunk's type and data fields, which `PNGEncoder` frames with a length and CRC.
    func encodedChunk() throws -> (type: [UInt8], data: [UInt8]) {
        guard let keywordBytes = Self.validKeywordBytes(keyword) else {
            throw ImageIOError.invalidKeyword(keyword)
        }
        if let latin1 = Self.latin1Bytes(text) {
            return (Array("tEXt".utf8), keywordBytes + [0] + latin1)
        }

        // iTXt layout: keyword, NUL, compression flag 0, method 0, empty language tag, NUL,
        // empty translated keyword, NUL, then the UTF-8 text.
        let header: [UInt8] = [0, 0, 0, 0, 0]
        return (Array("iTXt".utf8), keywordBytes + header + Array(text.utf8))
    }

    private static func validKeywordBytes(_ keyword: String) -> [UInt8]? {
        guard let bytes = latin1Bytes(keyword), (1...79).contains(bytes.count) else { return nil }
        let printable = bytes.allSatisfy { (32...126).contains($0) || (161...255).contains($0) }
        let space: UInt8 = 32
        let doubledSpace = zip(bytes, bytes.dropFirst()).contains { $0 == space && $1 == space }
        guard printable, !doubledSpace, bytes.first != space, bytes.last != space else { return nil }
        return bytes
    }

    /// Converts `text` to Latin-1 bytes, or returns nil for NUL or a character outside Latin-1.
    private static func latin1Bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value > 0, scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }
}
