import Foundation
import ImageIO
import Testing

// An independent reader: pngcheck (Debian package pngcheck) verifies every chunk's CRC, the
// text chunks' keyword rules and the chunk order. The test is skipped where pngcheck is not
// on PATH, because the project does not require it.

private let pngcheckPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":")
    .map { "\($0)/pngcheck" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Test(.enabled(if: pngcheckPath != nil, "pngcheck is not on PATH"))
func pngcheckAcceptsEncodedFile() throws {
    let rgba = (0..<(16 * 8)).flatMap { index -> [UInt8] in [UInt8(index), UInt8(255 - index), 40, 255] }
    let png = try PNGEncoder.encode(width: 16, height: 8, rgba: rgba, textChunks: [
        PNGTextChunk(keyword: "Title", text: "Per-sample wrong-class σ at τ = 4"),
        PNGTextChunk(keyword: "Software", text: "atsbench 0.1.0"),
        PNGTextChunk(keyword: "atsbench:spec-sha256", text: String(repeating: "0f", count: 32)),
    ])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atsbench-pngcheck-\(getpid()).png")
    try Data(png).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(pngcheckPath))
    process.arguments = ["-q", url.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "pngcheck: \(message)")
}
