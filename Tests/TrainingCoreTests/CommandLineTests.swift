import Foundation
import Testing
import TrainingCore

/// The built `atsbench` binary, run as a user runs it: the original scripts' command lines
/// and bad input. Each bad input must exit with status 1 and name the option or file at fault.
@Suite(.serialized)
struct CommandLineTests {
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The binary that `swift build -c release --build-tests` puts beside the test bundle.
    static var binaryURL: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("atsbench")
    }

    static func run(_ arguments: [String]) throws -> Output {
        try #require(FileManager.default.isExecutableFile(atPath: binaryURL.path),
                     "\(binaryURL.path) not found; build it with 'swift build -c release --build-tests'")
        let process = Process()
        process.executableURL = binaryURL
        process.arguments = arguments
        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        // Read before waiting, so that a full pipe cannot block the child.
        let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        let error = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
                      standardError: String(decoding: error, as: UTF8.self))
    }

    /// Creates a fresh empty folder for one test's files.
    static func makeFolder(_ name: String) throws -> URL {
        let url = temporaryURL(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Returns the original run_classify.py command line, on a small Fashion-MNIST subset.
    static func classifyArguments(folder: URL) -> [String] {
        ["classify", "--dataset", "fashion-mnist", "--n_classes", "10", "--net", "ResNet", "--n_layer", "8",
         "--net_name", "ResNet8", "--epoches", "1", "--lr", "0.03", "--momentum", "0.9", "--batch_size", "128",
         "--ckpt_dir", folder.appendingPathComponent("ckpts").path,
         "--log_dir", folder.appendingPathComponent("logs").path, "--log_name", "teacher.log",
         "--ckpt_name", "fm-ResNet8.ckpt", "--subset", "first:50", "--test-subset", "first:20", "--seed", "1"]
    }

    /// Runs the classify command line once and returns the teacher checkpoint it wrote.
    static func trainTeacher(in folder: URL) throws -> URL {
        let result = try run(classifyArguments(folder: folder))
        try #require(result.status == 0, "classify failed: \(result.standardError)")
        return folder.appendingPathComponent("ckpts/fm-ResNet8.ckpt")
    }

    @Test
    func originalClassifyCommandLineWorks() throws {
        let folder = try Self.makeFolder("classify")
        let result = try Self.run(Self.classifyArguments(folder: folder))
        #expect(result.status == 0, "\(result.standardError)")

        let log = try String(contentsOf: folder.appendingPathComponent("logs/teacher.log"), encoding: .utf8)
        let epochLine = log.split(separator: "\n").first { $0.hasPrefix("[Epoch:1]") }
        let pattern = #/\[Epoch:1\] \[Loss:\d+\.\d{4}\] \[TrAcc:\d\.\d{4}\] \[TeAcc:\d\.\d{4}\]/#
        #expect(epochLine.map { $0.wholeMatch(of: pattern) != nil } == true, "log: \(log)")
        #expect(result.standardOutput.contains("[Epoch:1] [Loss:"))

        // The checkpoint must load in `atsbench logits` (strict: every tensor, nothing else).
        let checkpoint = folder.appendingPathComponent("ckpts/fm-ResNet8.ckpt")
        var input = SafeTensors()
        input.set("input", randomTensor([3, 1, 28, 28], seed: 4))
        let inputURL = folder.appendingPathComponent("input.safetensors")
        try input.write(to: inputURL)
        let outputURL = folder.appendingPathComponent("logits.safetensors")
        let logits = try Self.run(["logits", "--model", "ResNet8", "--classes", "10", "--checkpoint", checkpoint.path,
                                   "--input", inputURL.path, "--out", outputURL.path])
        #expect(logits.status == 0, "\(logits.standardError)")
        let written = try SafeTensors(contentsOf: outputURL).tensor("logits")
        #expect(written.shape == [3, 10])
    }

    @Test
    func originalDistillCommandLineWorks() throws {
        let folder = try Self.makeFolder("distill")
        let teacher = try Self.trainTeacher(in: folder)
        let result = try Self.run([
            "distill", "--dataset", "fashion-mnist", "--n_classes", "10", "--kd_way", "ATS", "--tp_tau", "4.0",
            "--t_tau", "2.0", "--s_tau", "1.0", "--lamb", "0.5", "--t_net", "ResNet", "--t_n_layer", "8",
            "--t_net_name", "ResNet8", "--teacher", teacher.path, "--net", "VGG", "--n_layer", "8",
            "--net_name", "VGG8", "--epoches", "1", "--lr", "0.03", "--momentum", "0.9", "--batch_size", "128",
            "--ckpt_dir", folder.appendingPathComponent("ckpts").path,
            "--log_dir", folder.appendingPathComponent("logs").path, "--log_name", "student.log",
            "--ckpt_name", "fm-VGG8.ckpt", "--subset", "first:20", "--test-subset", "first:10", "--seed", "1",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("[Epoch:1] [Loss:"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ckpts/fm-VGG8.ckpt").path))
    }

    @Test
    func discriminabilityEvaluatesTeacherCheckpoint() throws {
        let folder = try Self.makeFolder("discriminability")
        let teacher = try Self.trainTeacher(in: folder)
        let result = try Self.run(["discriminability", "--teacher", teacher.path, "--dataset", "fashion-mnist",
                                   "--test-subset", "first:5", "--taus", "1,4", "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n")
        // A header and one TS and one ATS row per temperature, each over 5 images of 10 classes.
        #expect(rows.count == 5)
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",")[4] == "50" })
    }

    /// Bad input that needs no teacher file: the arguments and the text the error must contain.
    static let badArguments: [([String], String)] = [
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--tau", "0"], "--tau"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--tau", "-2"], "--tau"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--kd_way", "ATS", "--tp_tau", "0"], "--tp-tau"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--kd_way", "ATS", "--t_tau", "-1"], "--t-tau"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--s_tau", "0"], "--s-tau"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--lamb", "1.5"], "--lamb"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--lamb", "-0.1"], "--lamb"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--kd_way", "TS", "--tp_tau", "4",
          "--t_tau", "2"], "--kd_way"),
        (["distill", "--model", "VGG8"], "--teacher"),
        (["classify", "--model", "ResNet9"], "ResNet"),
        (["classify", "--model", "Transformer12"], "unknown model 'Transformer12'"),
        (["classify", "--model", "ResNet8", "--seed", "1", "--seed", "2"], "--seed"),
        (["discriminability", "--taus", "0,1", "--logits", "x.safetensors"], "--taus"),
        // A value that does not parse is reported under the name typed, the scripts' alias too.
        (["classify", "--model", "ResNet8", "--batch_size", "many"], "invalid value 'many' for --batch_size"),
        (["distill", "--teacher", "t.safetensors", "--model", "VGG8", "--tp_tau", "four"], "invalid value 'four' for --tp_tau"),
    ]

    @Test(arguments: badArguments)
    func badInputExitsWithOne(_ arguments: [String], _ expected: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 1)
        #expect(result.standardError.contains(expected), "\(arguments): \(result.standardError)")
    }

    @Test
    func teacherWithOtherClassCountIsRejected() throws {
        let folder = try Self.makeFolder("class-count")
        let teacher = try Self.trainTeacher(in: folder)
        let result = try Self.run(["distill", "--teacher", teacher.path, "--model", "VGG8", "--dataset", "synthetic",
                                   "--shape", "1x28x28", "--classes", "5", "--epochs", "1", "--seed", "1",
                                   "--ckpt-dir", folder.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains(teacher.path))
        #expect(result.standardError.contains("10 classes but the data set has 5"), "\(result.standardError)")
    }

    @Test
    func logitsFileWithoutLabelsIsRejected() throws {
        let folder = try Self.makeFolder("no-labels")
        var file = SafeTensors()
        file.set("logits", randomTensor([4, 3], seed: 2))
        let url = folder.appendingPathComponent("logits.safetensors")
        try file.write(to: url)
        let result = try Self.run(["discriminability", "--logits", url.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains(url.path))
        #expect(result.standardError.contains("no tensor 'labels'"), "\(result.standardError)")
    }
}
