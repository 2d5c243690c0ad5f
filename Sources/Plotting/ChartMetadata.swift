import ImageIO

/// Provenance written into each PNG as text chunks next to the chart's title.
public struct ChartMetadata: Equatable, Sendable {
    /// The `Software` chunk, such as "atsbench 0.4.0".
    public var software: String
    /// The SHA-256 of the experiment spec, as hexadecimal; nil writes no spec-hash chunk.
    public var specHash: String?

    /// The keyword of the spec-hash chunk; PNG has no registered keyword for it.
    public static let specHashKeyword = "atsbench:spec-sha256"

    public init(software: String, specHash: String? = nil) {
        self.software = software
        self.specHash = specHash
    }

    /// Builds the chunks in file order: Title, Software, then the spec hash when there is one.
    func textChunks(title: String) -> [PNGTextChunk] {
        var chunks = [
            PNGTextChunk(keyword: "Title", text: title),
            PNGTextChunk(keyword: "Software", text: software),
        ]
        if let specHash {
            chunks.append(PNGTextChunk(keyword: Self.specHashKeyword, text: specHash))
        }
        return chunks
    }
}
