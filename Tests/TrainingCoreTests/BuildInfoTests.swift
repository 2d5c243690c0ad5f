import Foundation
import Testing
import TrainingCore

/// The build identifier against `sha256sum` of the running test executable.
@Test func buildIdentifierHashesTheExecutable() throws {
    let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [executable]
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    let digest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(12)

    #expect(process.terminationStatus == 0)
    #expect(BuildInfo.identifier == BuildInfo.version + "+exe." + digest)
}
