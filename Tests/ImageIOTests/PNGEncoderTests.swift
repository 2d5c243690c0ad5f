import ImageIO
import PNGTestSupport
import Testing

/// A 3 x 2 image with distinct colours and alphas, so a swapped channel or row shows.
private let width = 3
private let height = 2
private let pixels: [UInt8] = [
    255, 0, 0, 255,   0, 255, 0, 255,   0, 0, 255, 255,
    10, 20, 30, 255,  200, 100, 50, 128,  1, 2, 3, 0,
]

@Test func crc32MatchesStandardCheckValues() {
    // The check value of the CRC-32 catalogue and the CRC of an IEND chunk, known constants.
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    #expect(CRC32.checksum([UInt8]()) == 0)
}

@Test func encodedPixelsRoundTrip() throws {
    let png = try PNGEncoder.encode(width: width, height: height, rgba: pixels)
    let decoded = try decodePNG(png)
    #expect(decoded.width == width)
    #expect(decoded.height == height)
    // Pixels with alpha 0 carry no colour in libpng's simplified read, so compare the others.
    #expect(Array(decoded.rgba[..<20]) == Array(pixels[..<20]))
    #expect(decoded.rgba[23] == 0)
}

@Test func textChunksRoundTrip() throws {
    let chunks = [
        PNGTextChunk(keyword: "Title", text: "Final accuracy per configuration"),
        PNGTextChunk(keyword: "Software", text: "atsbench 0.1.0"),
        PNGTextChunk(keyword: "atsbench:spec-sha256", text: String(repeating: "ab", count: 32)),
    ]
    let png = try PNGEncoder.encode(width: width, height: height, rgba: pixels, textChunks: chunks)
    let stored = try storedChunks(of: png)

    #expect(stored.first?.type == "IHDR")
    #expect(stored.last?.type == "IEND")
    #expect(Array(stored.dropFirst().prefix(3).map(\.type)) == ["tEXt", "tEXt", "tEXt"])
    for chunk in stored {
        #expect(CRC32.checksum(Array(chunk.type.utf8) + chunk.data) == chunk.storedCRC,
                "CRC of \(chunk.type)")
    }
    let parsed = stored.filter { $0.type == "tEXt" }.map(parseTextChunk)
    #expect(parsed == chunks)
    #expect(try decodePNG(png).rgba.prefix(20) == pixels.prefix(20))
}

@Test func nonLatin1TextBecomesITXt() throws {
    let chunk = PNGTextChunk(keyword: "Title", text: "Derived σ against τ")
    let png = try PNGEncoder.encode(width: width, height: height, rgba: pixels, textChunks: [chunk])
    let stored = try storedChunks(of: png).filter { $0.type == "iTXt" }
    #expect(stored.count == 1)
    let data = try #require(stored.first).data
    // Keyword, NUL, compression flag 0, method 0, empty language tag and translated keyword.
    let header = Array("Title".utf8) + [0, 0, 0, 0, 0]
    #expect(Array(data.prefix(header.count)) == header)
    #expect(String(decoding: data.dropFirst(header.count), as: UTF8.self) == chunk.text)
    _ = try decodePNG(png)
}

@Test func encoderIsDeterministic() throws {
    let chunks = [PNGTextChunk(keyword: "Title", text: "same")]
    let first = try PNGEncoder.encode(width: width, height: height, rgba: pixels, textChunks: chunks)
    let second = try PNGEncoder.encode(width: width, height: height, rgba: pixels, textChunks: chunks)
    #expect(first == second)
}

@Test func encoderRejectsInvalidInput() {
    #expect(throws: ImageIOError.invalidSize(width: 0, height: 2)) {
        try PNGEncoder.encode(width: 0, height: 2, rgba: [])
    }
    #expect(throws: ImageIOError.pixelCountMismatch(expected: 24, actual: 23)) {
        try PNGEncoder.encode(width: width, height: height, rgba: Array(pixels.dropLast()))
    }
    for keyword in ["", " Title", "Title ", "Spec  hash", String(repeating: "k", count: 80), "τ"] {
        #expect(throws: ImageIOError.invalidKeyword(keyword)) {
            try PNGEncoder.encode(width: width, height: height, rgba: pixels,
                                  textChunks: [PNGTextChunk(keyword: keyword, text: "x")])
        }
    }
}

@Test func errorDescriptionNamesTheValue() {
    let description = ImageIOError.pixelCountMismatch(expected: 24, actual: 23).description
    #expect(description.contains("23"))
    #expect(description.contains("24"))
}

private func parseTextChunk(_ chunk: StoredChunk) -> PNGTextChunk {
    let separator = chunk.data.firstIndex(of: 0) ?? chunk.data.endIndex
    let latin1 = { (bytes: ArraySlice<UInt8>) in String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })) }
    return PNGTextChunk(keyword: latin1(chunk.data[..<separator]), text: latin1(chunk.data[(separator + 1)...]))
}
