import Experiments
import Foundation
import TrainingCore
import Testing

/// Spec parsing and validation: every error names its field path.
struct SpecTests {
    static let valid = """
        {"name": "t", "dataset": {"name": "synthetic"}, "training": {"epochs": 1},
         "teachers": [{"label": "small", "model": "ResNet8"}, {"label": "large", "model": "ResNet14"}],
         "student": {"model": "VGG8", "width": 0.25},
         "methods": [{"kind": "ce"}, {"kind": "ts", "tau": 4}, {"kind": "ats", "tp_tau": 4, "t_tau": 2}],
         "seeds": [1, 2, 3]}
        """

    /// Replaces `old` in the valid spec and returns the error's field path and message.
    func error(replacing old: String, with new: String) -> (field: String, message: String)? {
        let text = Self.valid.replacingOccurrences(of: old, with: new)
        precondition(text != Self.valid, "the replacement did not apply: \(old)")
        do {
            _ = try ExperimentSpec.decode(Data(text.utf8), source: "spec.json")
            return nil
        } catch let ExperimentsError.invalidSpec(file, field, message) {
            #expect(file == "spec.json")
            return (field, message)
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test
    func validSpecParses() throws {
        let spec = try ExperimentSpec.decode(Data(Self.valid.utf8), source: "spec.json")
        #expect(spec.teachers.count == 2)
        #expect(spec.methods[2].tpTau == 4)
        #expect(spec.seeds == .list([1, 2, 3]))
    }

    @Test(arguments: [
        (#""tp_tau": 4"#, #""tp_tau": 0"#, "methods[2].tp_tau", "must be > 0"),
        (#""tau": 4"#, #""tau": -1"#, "methods[1].tau", "must be > 0"),
        (#"{"kind": "ce"}"#, #"{"kind": "kd"}"#, "methods[0].kind", "unknown method"),
        ("[1, 2, 3]", "[1, 2, 1]", "seeds[2]", "duplicate seed 1"),
        ("[1, 2, 3]", "[1, -2]", "seeds[1]", "must be >= 0"),
        (#""model": "ResNet14""#, #""model": "ResNet15""#, "teachers[1].model", "invalid depth"),
        (#""label": "large""#, #""label": "small""#, "teachers[1].label", "unique"),
        (#""width": 0.25"#, #""width": 0"#, "student.width", "invalid width"),
        (#""epochs": 1"#, #""epochs": 0"#, "training.epochs", "must be >= 1"),
        (#""epochs": 1"#, #""epochs": "one""#, "training.epochs", "expected an integer"),
        (#""name": "synthetic""#, #""name": "mnist""#, "dataset.name", "unknown data set"),
        (#""student": {"model": "VGG8", "width": 0.25},"#, "", "student", "missing"),
        (#""seeds": [1, 2, 3]"#, #""seeds": [1, 2, 3], "lambda": 0.9"#, "lambda", "did you mean 'lamb'"),
        (#""tp_tau": 4"#, #""tpp_tau": 3, "tp_tau": 4"#, "methods[2].tpp_tau", "unknown field"),
        (#""seeds": [1, 2, 3]"#, #""seeds": [1, 2, 3], "vary": "everything""#, "vary", "valid: all, init, order, augment"),
    ])
    func invalidFieldIsNamed(_ old: String, _ new: String, _ field: String, _ message: String) {
        let found = error(replacing: old, with: new)
        #expect(found?.field == field, "got \(String(describing: found))")
        #expect(found?.message.contains(message) == true, "got \(String(describing: found))")
    }

    /// JSON syntax faults are located by line and column, counted by hand in each text.
    @Test(arguments: [
        ("{\"name\": \"t\"\n  \"seeds\": [1]}", "not valid JSON: invalid value at line 2, column 3"),
        ("{\"name\": \"t\",", "not valid JSON: unexpected end of file during JSON parse"),
        ("\u{FF}", "not valid JSON: invalid value at line 1, column 1"),
        ("{\"name\": \"t\",\n \"seeds\": [1, 2,]}", "not valid JSON: trailing comma at line 2, column 16"),
        ("{\"name\": \"a,]\",\n}", "not valid JSON: trailing comma at line 1, column 15"),
    ])
    func syntaxFaultIsLocated(_ text: String, _ message: String) {
        #expect(throws: ExperimentsError.invalidSpec(file: "s.json", field: "(file)", message: message)) {
            try ExperimentSpec.decode(Data(text.utf8), source: "s.json")
        }
    }

    @Test
    func unreadableSpecNamesTheReason() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: ExperimentsError.invalidSpec(file: folder, field: "(file)",
                                                     message: "cannot read: " + String(cString: strerror(EISDIR)))) {
            try ExperimentSpec.load(path: folder)
        }
    }

    @Test
    func seedFileIsReadAndChecked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atsbench-spec-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let seedFile = folder.appendingPathComponent("seeds.txt")
        try "# comment\n7\n8\n\n9\n".write(to: seedFile, atomically: true, encoding: .utf8)
        let text = Self.valid.replacingOccurrences(of: "[1, 2, 3]", with: "\"\(seedFile.path)\"")
        let spec = try ExperimentSpec.decode(Data(text.utf8), source: "spec.json")
        #expect(try spec.resolveSeeds(specPath: "spec.json") { 0 } == [7, 8, 9])

        try "7\n7\n".write(to: seedFile, atomically: true, encoding: .utf8)
        #expect(throws: ExperimentsError.self) { try spec.resolveSeeds(specPath: "spec.json") { 0 } }
        try "7\nseven\n".write(to: seedFile, atomically: true, encoding: .utf8)
        #expect(throws: ExperimentsError.self) { try spec.resolveSeeds(specPath: "spec.json") { 0 } }
    }

    @Test
    func planPutsTeachersFirstAndSharesCEStudents() throws {
        let spec = try ExperimentSpec.decode(Data(Self.valid.utf8), source: "spec.json")
        let plan = try TrialPlan.make(spec: spec, seeds: [1, 2, 3])
        // 2 teachers, 3 CE students (one per seed), 2 teachers x 2 methods x 3 seeds.
        #expect(plan.count == 2 + 3 + 12)
        #expect(plan.prefix(2).allSatisfy { $0.configuration.role == .teacher })
        #expect(plan.filter { $0.configuration.method == "ce" && $0.configuration.role == .student }.count == 3)
        #expect(Set(plan.map(\.id)).count == plan.count)
        let again = try TrialPlan.make(spec: spec, seeds: [1, 2, 3])
        #expect(again.map(\.id) == plan.map(\.id), "ids are a pure function of the configuration")
        for trial in plan where trial.configuration.teacherID != nil {
            #expect(plan.first { $0.id == trial.configuration.teacherID }?.index ?? .max < trial.index)
        }
    }

    /// A student's estimate counts the teacher's forward pass once per epoch when inputs are
    /// augmented. Without augmentation it counts one pass, because the trainer caches the logits.
    @Test
    func estimateCountsCachedTeacherOnce() throws {
        func plan(augment: Bool) throws -> [PlannedTrial] {
            let text = Self.valid.replacingOccurrences(
                of: #""training": {"epochs": 1}"#,
                with: #""training": {"epochs": 3, "augment": \#(augment)}"#)
            precondition(text != Self.valid)
            return try TrialPlan.make(spec: ExperimentSpec.decode(Data(text.utf8), source: "s"), seeds: [1])
        }
        let cached = try plan(augment: false)
        let recomputed = try plan(augment: true)
        let teacher = try #require(cached.first { $0.configuration.role == .teacher && $0.configuration.model == "ResNet8" })
        // A teacher trial costs (3 N + T) E m for N training images, T test images, E epochs.
        let defaults = SyntheticDataset()
        let shape = (train: Double(defaults.trainCount), test: Double(defaults.testCount))
        let perImage = teacher.estimatedMACs / ((3 * shape.train + shape.test) * Double(teacher.configuration.epochs))
        for (withCache, without) in zip(cached, recomputed) where withCache.configuration.teacherID == teacher.id {
            let extraPasses = Double(without.configuration.epochs - 1)
            #expect(abs(without.estimatedMACs - withCache.estimatedMACs - perImage * shape.train * extraPasses)
                    <= 1e-9 * without.estimatedMACs)
        }
        for (withCache, without) in zip(cached, recomputed) where withCache.configuration.teacherID == nil {
            #expect(withCache.estimatedMACs == without.estimatedMACs)
        }
    }

    @Test
    func varyingOneStreamKeepsTheOthersFixed() throws {
        let text = Self.valid.replacingOccurrences(of: #""seeds": [1, 2, 3]"#, with: #""seeds": [1, 2, 3], "vary": "order""#)
        let plan = try TrialPlan.make(spec: ExperimentSpec.decode(Data(text.utf8), source: "s"), seeds: [1, 2, 3])
        for trial in plan where trial.configuration.role == .student {
            #expect(trial.configuration.orderSeed == trial.configuration.seed)
            #expect(trial.configuration.initSeed == 1)
            #expect(trial.configuration.augmentSeed == 1)
        }
    }
}
