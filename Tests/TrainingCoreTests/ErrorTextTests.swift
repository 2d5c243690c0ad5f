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

    private struct Record: Decodable {
        struct Environment: Decodable {
            let buildVersion: String
            enum CodingKeys: String, CodingKey { case buildVersion = "build_version" }
        }
        let environment: Environment
        let epochs: [Int]
    }

    func decodingReason(_ json: String) -> String? {
        reason { _ = try JSONDecoder().decode(Record.self, from: Data(json.utf8)) }
    }

    /// JSON decoding errors name the field by its path, as written in the JSON.
    @Test
    func decodingErrorsNameTheField() {
        #expect(decodingReason(#"{"environment": {}, "epochs": []}"#) == "missing field 'environment.build_version'")
        #expect(decodingReason(#"{"environment": {"build_version": null}, "epochs": []}"#)
                == "field 'environment.build_version' is null, expected String")
        #expect(decodingReason(#"{"environment": {"build_version": "0.1.0"}, "epochs": [1, "two"]}"#)
                == "field 'epochs[1]' has the wrong type, expected Int")
    }

    @Test
    func otherErrorsKeepTheirDescription() {
        let error = CheckpointError.unreadableFile(path: "/x.safetensors", reason: "truncated")
        #expect(ErrorText.describe(error) == "\(error)")
    }
}
