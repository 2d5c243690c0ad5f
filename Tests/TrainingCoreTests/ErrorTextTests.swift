import Foundation
import Testing
import TrainingCore

/// File errors read as the operating system's reason, which libc's strerror gives
/// independently of Foundation.
struct ErrorTextTests {
    func reason(_ operation: () throws -> Void) -> String? {
        do {
            try operation()
            return nil
        } catch {
            return ErrorText.describe(error)
        }
    }

    @Test
    func missingFolderNamesENOENT() {
        let text = reason { try Data([1]).write(to: URL(fileURLWithPath: "/nonexistent-atsbench/file")) }
        #expect(text == String(cString: strerror(ENOENT)))
    }

    @Test
    func readingFolderNamesEISDIR() {
        let folder = FileManager.default.temporaryDirectory.path
        let text = reason { _ = try Data(contentsOf: URL(fileURLWithPath: folder)) }
        #expect(text == String(cString: strerror(EISDIR)))
    }

    @Test
    func missingFileHandleNamesENOENT() {
        let text = reason { _ = try FileHandle(forWritingTo: URL(fileURLWithPath: "/nonexistent-atsbench/log")) }
        #expect(text == String(cString: strerror(ENOENT)))
    }

    @Test
    func otherErrorsKeepTheirDescription() {
        let error = CheckpointError.unreadableFile(path: "/x.safetensors", reason: "truncated")
        #expect(ErrorText.describe(error) == "\(error)")
    }
}
