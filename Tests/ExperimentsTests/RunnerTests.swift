import Experiments
import Reports
import Foundation
import Testing

/// The result store and the runner, driven through the built `atsbench` binary as a user
/// drives them: crashes, concurrent runners, foreign files.
@Suite(.serialized)
struct RunnerTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/release/atsbench")
    static let smokeSpec = packageRoot.appendingPathComponent("specs/smoke.json").path

    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atsbench-runner-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func start(_ arguments: [String], output: URL) throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "\(binary.path) not found; build it with 'swift build -c release'")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func run(_ arguments: [String], output: URL) throws -> Int32 {
        let process = try start(arguments, output: output)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Every trial of the store done, each run exactly once, and a sound file.
    static func expectAllDoneOnce(_ storePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = try ResultStore(path: storePath)
        let trials = try store.trials(experiment: "smoke")
        #expect(trials.count == 17, sourceLocation: sourceLocation)
        for trial in trials {
            #expect(trial.status == .done, "\(trial.id): \(trial.status) \(trial.reason ?? "")",
                    sourceLocation: sourceLocation)
            #expect(try store.epochs(trialID: trial.id).count == trial.configuration.epochs,
                    sourceLocation: sourceLocation)
        }
        #expect(try store.integrityCheck() == "ok", sourceLocation: sourceLocation)
    }

    @Test
    func smokeStudyRunsEndToEndAndResumes() throws {
        let folder = try Self.folder("smoke")
        let store = folder.appendingPathComponent("results.sqlite").path
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try Self.run(["run", Self.smokeSpec, "--store", store], output: folder.appendingPathComponent("run1.log")) == 0)
        // The smoke study is meant to finish in well under a minute.
        #expect(clock.now - start < .seconds(60))
        try Self.expectAllDoneOnce(store)

        let before = try ResultStore(path: store).trials(experiment: "smoke")
        #expect(try Self.run(["run", Self.smokeSpec, "--store", store], output: folder.appendingPathComponent("run2.log")) == 0)
        let after = try ResultStore(path: store).trials(experiment: "smoke")
        #expect(after == before, "a rerun of a finished study changes nothing")

        let report = folder.appendingPathComponent("report")
        #expect(try Self.run(["report", "--store", store, "--out", report.path],
                             output: folder.appendingPathComponent("report.log")) == 0)
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<h1>smoke</h1>"))
        #expect(html.contains("The paper's three claims in this study"))
        #expect(html.contains("Larger teacher worse under TS: "))
        #expect(html.contains("Seed spread about 0.50 pp: "))
        for trial in before {
            #expect(html.contains(trial.id), "trial \(trial.id) is missing from the report")
        }
        let csv = try String(contentsOf: report.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).count == 1 + before.count)
        for chart in ["final-accuracy.png", "discriminability.png", "learning-curves-teachers.png"] {
            #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent(chart).path), "\(chart)")
        }
        try expectTrainedDiscriminabilityMatchesSweep(store: store, trials: before)
    }

    /// Checks the report's recomputation of each teacher's discriminability from its checkpoint.
    /// At TS τ 4, which the stored sweep also contains, both must agree exactly. A missing
    /// checkpoint becomes a note instead of an error.
    func expectTrainedDiscriminabilityMatchesSweep(store path: String, trials: [StoredTrial]) throws {
        let store = try ResultStore(path: path)
        let input = try ReportInput(store: store, experiment: "smoke", reproduceCommand: "")
        let teachers = trials.filter { $0.configuration.role == .teacher }
        #expect(teachers.count == 2)
        for teacher in teachers {
            let label = try #require(teacher.configuration.teacherLabel)
            let rows = input.trainedDiscriminability.filter { $0.teacherLabel == label }
            // TS τ 4 and ATS 4/2, the smoke spec's two distillation methods.
            #expect(rows.map(\.method) == [.temperatureScaling, .asymmetricTemperatureScaling])
            #expect(rows.map(\.tTau) == [4, 2])
            let stored = try #require(try store.discriminability(trialID: teacher.id).first { $0.scaling == "TS" && $0.tau == 4 })
            let recomputed = try #require(rows.first)
            #expect(recomputed.derivedSigma.value == stored.derivedSigmaMean)
            #expect(recomputed.derivedAverage.value == stored.derivedAverageMean)
            #expect(recomputed.sampleCount == stored.sampleCount)
        }

        let removed = try #require(teachers.first?.checkpointPath)
        try FileManager.default.removeItem(atPath: removed)
        let withoutCheckpoint = try ReportInput(store: store, experiment: "smoke", reproduceCommand: "")
        #expect(withoutCheckpoint.trainedDiscriminability.count == 2)
        #expect(withoutCheckpoint.trainedDiscriminabilityNotes.count == 1)
        #expect(withoutCheckpoint.trainedDiscriminabilityNotes.first?.contains(removed) == true)
        let report = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("report-missing")
        try ReportWriter.write(withoutCheckpoint, to: report)
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Not every teacher could be recomputed; the notes under the tables say why."))
        #expect(html.contains(removed))
    }

    @Test
    func killedWorkerIsRerunAndNothingIsLost() throws {
        let folder = try Self.folder("kill")
        let store = folder.appendingPathComponent("results.sqlite").path
        let runner = try Self.start(["run", Self.smokeSpec, "--store", store, "--workers", "1"],
                                    output: folder.appendingPathComponent("run1.log"))
        // Wait until a student trial is running, then kill its worker with SIGKILL.
        var killed = false
        for _ in 0..<600 where !killed && runner.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            guard let trials = try? ResultStore(path: store).trials(experiment: "smoke") else { continue }
            if let running = trials.first(where: { $0.status == .running && $0.configuration.role == .student }),
               let pid = try ResultStore(path: store).workerPID(ofTrial: running.id), pid != runner.processIdentifier {
                kill(pid, SIGKILL)
                killed = true
            }
        }
        #expect(killed, "no worker was caught running")
        runner.waitUntilExit()
        let afterKill = try ResultStore(path: store).trials(experiment: "smoke")
        #expect(afterKill.contains { $0.status == .pending }, "the killed trial goes back to pending")
        #expect(!afterKill.contains { $0.status == .failed })

        #expect(try Self.run(["run", Self.smokeSpec, "--store", store], output: folder.appendingPathComponent("run2.log")) == 0)
        try Self.expectAllDoneOnce(store)
        let finishedBefore = afterKill.filter { $0.status == .done }
        let finishedAfter = try ResultStore(path: store).trials(experiment: "smoke")
        for trial in finishedBefore {
            #expect(finishedAfter.first { $0.id == trial.id } == trial, "finished trial \(trial.id) was changed")
        }
    }

    @Test
    func twoRunnersNeverRunATrialTwice() throws {
        let folder = try Self.folder("two")
        let store = folder.appendingPathComponent("results.sqlite").path
        // Create the store and its plan first, so both runners start on the same rows.
        _ = try ResultStore(path: store)
        let first = try Self.start(["run", Self.smokeSpec, "--store", store, "--workers", "1"],
                                   output: folder.appendingPathComponent("a.log"))
        let second = try Self.start(["run", Self.smokeSpec, "--store", store, "--workers", "1"],
                                    output: folder.appendingPathComponent("b.log"))
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        try Self.expectAllDoneOnce(store)
        for trial in try ResultStore(path: store).trials(experiment: "smoke") {
            #expect(trial.attempts == 1, "\(trial.id) ran \(trial.attempts) times")
        }
    }

    @Test
    func foreignFilesAreRejectedAndKept() throws {
        let folder = try Self.folder("foreign")
        let text = folder.appendingPathComponent("notes.sqlite")
        try "not a database, just notes\n".write(to: text, atomically: true, encoding: .utf8)
        let textBytes = try Data(contentsOf: text)
        #expect(throws: ExperimentsError.self) { try ResultStore(path: text.path) }
        #expect(try Data(contentsOf: text) == textBytes)

        let other = folder.appendingPathComponent("other.sqlite")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [other.path, "CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'a');"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let otherBytes = try Data(contentsOf: other)
        do {
            _ = try ResultStore(path: other.path)
            Issue.record("a database of another program was opened as a store")
        } catch let error as ExperimentsError {
            #expect("\(error)".contains("not an atsbench result store"))
        }
        #expect(try Data(contentsOf: other) == otherBytes)
        let status = try Self.run(["status", "--store", other.path], output: folder.appendingPathComponent("s.log"))
        #expect(status == 1)
    }

    @Test
    func jobArrayRecordsAreCollectedOnce() throws {
        let folder = try Self.folder("collect")
        let out = folder.appendingPathComponent("results")
        // Line 0 is a teacher; line 5 is a TS student of that teacher (see 'atsbench plan').
        for index in [0, 5] {
            #expect(try Self.run(["trial", Self.smokeSpec, "--index", String(index), "--out", out.path],
                                 output: folder.appendingPathComponent("trial\(index).log")) == 0)
        }
        let store = folder.appendingPathComponent("results.sqlite").path
        for attempt in 1...2 {
            let log = folder.appendingPathComponent("collect\(attempt).log")
            #expect(try Self.run(["collect", out.path, "--store", store], output: log) == 0)
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(text.contains(attempt == 1 ? "imported 2 records" : "imported 0 records"), "\(text)")
        }
        let trials = try ResultStore(path: store).trials(experiment: "smoke")
        #expect(trials.count == 2)
        #expect(trials.allSatisfy { $0.status == .done })
        #expect(trials.map(\.planIndex) == [0, 5])
        #expect(try ResultStore(path: store).epochs(trialID: trials[1].id).count == 2)
    }

    @Test
    func storeGroupsFeedTheStatistics() throws {
        let folder = try Self.folder("stats")
        let store = folder.appendingPathComponent("results.sqlite").path
        #expect(try Self.run(["run", Self.smokeSpec, "--store", store], output: folder.appendingPathComponent("run.log")) == 0)
        let log = folder.appendingPathComponent("stats.log")
        #expect(try Self.run(["stats", "describe", "--store", store, "--role", "student", "--method", "ats",
                              "--format", "csv"], output: log) == 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        // A header and one row per teacher: ATS students of the small and of the large teacher.
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.contains("ATS 4/2") && $0.contains(",3,") })
    }

    @Test
    func interruptStopsCleanlyAndResumes() throws {
        let folder = try Self.folder("interrupt")
        let store = folder.appendingPathComponent("results.sqlite").path
        let runner = try Self.start(["run", Self.smokeSpec, "--store", store, "--workers", "1"],
                                    output: folder.appendingPathComponent("run1.log"))
        // Ctrl-C once the first student is running; the runner finishes the running trial, starts no
        // other, and exits with 130.
        var interrupted = false
        for _ in 0..<600 where !interrupted && runner.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let trials = (try? ResultStore(path: store).trials(experiment: "smoke")) ?? []
            if trials.contains(where: { $0.status == .running && $0.configuration.role == .student }) {
                kill(runner.processIdentifier, SIGINT)
                interrupted = true
            }
        }
        #expect(interrupted, "no student was caught running")
        runner.waitUntilExit()
        #expect(runner.terminationStatus == 130)
        let afterStop = try ResultStore(path: store).trials(experiment: "smoke")
        #expect(!afterStop.contains { $0.status == .running })
        #expect(afterStop.contains { $0.status == .pending })
        #expect(try ResultStore(path: store).integrityCheck() == "ok")

        #expect(try Self.run(["run", Self.smokeSpec, "--store", store], output: folder.appendingPathComponent("run2.log")) == 0)
        try Self.expectAllDoneOnce(store)
    }
    /// SIGTERM (or SIGINT) sent to the runner alone, as `kill` or a batch system sends it,
    /// stops its workers too instead of waiting for their trials to end.
    @Test(arguments: [SIGTERM, SIGINT])
    func runnerSignalStopsWorkers(_ signal: Int32) throws {
        let folder = try Self.folder("signal-\(signal)")
        // One teacher with 500 epochs, which would take minutes.
        let spec = folder.appendingPathComponent("long.json")
        try Data("""
            {"name": "long", "dataset": {"name": "synthetic", "synthetic": {"train_size": 400, "test_size": 100}},
             "training": {"epochs": 1, "batch_size": 50},
             "teachers": [{"label": "only", "model": "ResNet8", "width": 0.5, "epochs": 500}],
             "student": {"model": "VGG8", "width": 0.25}, "methods": [{"kind": "ce"}], "seeds": [1]}
            """.utf8).write(to: spec)
        let store = folder.appendingPathComponent("results.sqlite").path
        let runner = try Self.start(["run", spec.path, "--store", store, "--workers", "1"],
                                    output: folder.appendingPathComponent("run.log"))
        var worker: Int32?
        for _ in 0..<600 where worker == nil && runner.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let trials = (try? ResultStore(path: store).trials(experiment: "long")) ?? []
            if let running = trials.first(where: { $0.status == .running }) {
                worker = try? ResultStore(path: store).workerPID(ofTrial: running.id)
            }
        }
        let pid = try #require(worker, "the teacher never started")
        kill(runner.processIdentifier, signal)
        runner.waitUntilExit()
        #expect(runner.terminationStatus == 130)
        #expect(kill(pid, 0) != 0, "the worker outlived the runner")
        let trials = try ResultStore(path: store).trials(experiment: "long")
        #expect(trials.map(\.status) == [.pending, .pending], "\(trials.map(\.status))")
    }
}
