import Foundation
import Testing
import TrainingCore

/// The path of `name` under the test bundle's Fixtures/Data folder.
func dataFixture(_ name: String) -> String {
    guard let root = Bundle.module.resourceURL else {
        fatalError("the test bundle has no resource folder")
    }
    return root.appendingPathComponent("Fixtures/Data").appendingPathComponent(name).path
}

/// A new empty directory under the system's temporary folder.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("atsbench-data-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to url: URL) throws {
    try Data(bytes).write(to: url)
}

/// Runs `body`, expects a `DataError`, and returns it for checks on its cases and message.
func capturedDataError(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
    } catch let error as DataError {
        return error
    } catch {
        Issue.record("expected a DataError, got \(error)")
        return nil
    }
    Issue.record("expected a DataError, but nothing was thrown")
    return nil
}
