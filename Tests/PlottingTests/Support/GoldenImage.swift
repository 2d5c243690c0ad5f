import Foundation
import PNGTestSupport
import Testing

/// Golden-image comparison for charts.
///
/// Goldens live in Tests/PlottingTests/Golden and are read from the test bundle. Setting
/// ATSBENCH_RECORD_GOLDEN=1 rewrites them in the source tree instead of comparing; nothing
/// else ever writes them.
///
/// Tolerance: a pixel counts as different when some channel differs by more than
/// `channelTolerance`, and at most `differingPixelFraction` of the pixels may differ. On the
/// machine that recorded the goldens the match is exact. The slack is meant for antialiasing
/// changes of another cairo or FreeType version, and is too small to hide a moved line.
enum GoldenImage {
    static let recordVariable = "ATSBENCH_RECORD_GOLDEN"
    static let channelTolerance = 24
    static let differingPixelFraction = 0.002

    static func assertMatches(_ png: [UInt8], named name: String, filePath: String = #filePath,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fileName = name + ".png"
        if ProcessInfo.processInfo.environment[recordVariable] == "1" {
            let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(png).write(to: directory.appendingPathComponent(fileName))
            return
        }

        guard let url = Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "Golden") else {
            Issue.record("""
                golden image Golden/\(fileName) not found; record it with \
                \(recordVariable)=1 swift test -c release --filter PlottingTests, look at it, and commit it
                """, sourceLocation: sourceLocation)
            return
        }
        let expected = try decodePNG(Array(try Data(contentsOf: url)))
        let actual = try decodePNG(png)
        #expect(actual.width == expected.width, "width of \(fileName)", sourceLocation: sourceLocation)
        #expect(actual.height == expected.height, "height of \(fileName)", sourceLocation: sourceLocation)
        guard actual.width == expected.width, actual.height == expected.height else { return }

        let differing = differingPixelCount(actual.rgba, expected.rgba)
        let allowed = Int(Double(actual.width * actual.height) * differingPixelFraction)
        if differing > allowed {
            let saved = try saveForInspection(png, fileName: fileName)
            Issue.record("""
                \(differing) pixels differ from Golden/\(fileName) (at most \(allowed) may); the rendered \
                image is at \(saved.path). If the change is intended, re-record with \(recordVariable)=1
                """, sourceLocation: sourceLocation)
        }
    }

    private static func differingPixelCount(_ first: [UInt8], _ second: [UInt8]) -> Int {
        var count = 0
        for offset in stride(from: 0, to: first.count, by: 4) {
            let differs = (0..<4).contains { abs(Int(first[offset + $0]) - Int(second[offset + $0])) > channelTolerance }
            if differs { count += 1 }
        }
        return count
    }

    private static func saveForInspection(_ png: [UInt8], fileName: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atsbench-golden-failures")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(fileName)
        try Data(png).write(to: url)
        return url
    }
}
