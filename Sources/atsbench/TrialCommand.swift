import Experiments
import Foundation
import TrainingCore

/// `atsbench trial`: runs one trial, as a runner's worker or as one job of a job array.
struct TrialCommand: Command {
    static let name = "trial"
    static let summary = "run one trial: a runner's worker, or one line of a manifest (job arrays)"
    static let help = """
        usage: atsbench trial SPEC --index K --out DIR [--threads T]
               atsbench trial --store FILE --id ID [--threads T] [--checkpoints DIR]

        With SPEC and --index, runs trial K of the spec's plan (as 'atsbench plan SPEC' numbers
        them) and writes DIR/ID.json, the whole record, and DIR/ID.safetensors, its checkpoint.
        A student needs its teacher's checkpoint in DIR, so run the teachers' lines first. Import
        the records with 'atsbench collect DIR --store FILE'. For a Slurm job array:
          atsbench trial spec.json --index $SLURM_ARRAY_TASK_ID --out results/
        The spec's seeds must be a list or a file: seeds drawn from the system differ per job.

        Exit status: 0 the trial finished, 1 an error before it started, 3 it failed or diverged
        (the record says why).

        With --store and --id, runs a trial a runner has claimed and writes its results to the
        store ('atsbench run' starts these workers itself).

          --threads T          worker threads (default: all cores); results do not depend on it
          --checkpoints DIR    checkpoint folder in store mode (default: checkpoints/ beside the store)
        """

    static func run(_ arguments: inout Arguments) throws {
        let threads = try parseThreads(&arguments)
        if let storePath = try arguments.value("--store") {
            let id = try arguments.required("--id")
            let checkpoints = try arguments.value("--checkpoints")
            try arguments.finish()
            try runFromStore(storePath: storePath, id: id, threads: threads, checkpoints: checkpoints)
        } else {
            let specPath = try arguments.positional("SPEC")
            guard let index = try arguments.integer("--index") else {
                throw CommandLineError.missingOption(command: name, option: "--index K")
            }
            let out = try arguments.required("--out")
            try arguments.finish()
            try runFromSpec(specPath: specPath, index: index, out: out, threads: threads)
        }
    }

    static func runFromStore(storePath: String, id: String, threads: Int, checkpoints: String?) throws {
        let store = try StoreOptions(storePath: storePath, experiment: nil).open()
        guard let trial = try store.experiments().lazy
            .compactMap({ try? store.trials(experiment: $0.name).first { $0.id == id } }).first else {
            throw ExperimentsError.unknownTrial(id: id)
        }
        let directory = checkpoints.map(URL.init(fileURLWithPath:))
            ?? URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("checkpoints")
        let executor = TrialExecutor(threads: threads, checkpointDirectory: directory)
        let observer = StoreEpochWriter(store: store, trialID: id)
        print("trial \(id): \(trial.configuration.displayName)")
        let record = executor.run(trial.configuration, observer: observer)
        try store.finishTrial(record)
        print("trial \(id): \(record.status.rawValue)" + (record.reason.map { ": \($0)" } ?? ""))
    }

    static func runFromSpec(specPath: String, index: Int, out: String, threads: Int) throws {
        let spec = try ExperimentSpec.load(path: specPath)
        if case .random = spec.seeds {
            throw ExperimentsError.invalidSpec(
                file: specPath, field: "seeds",
                message: "seeds drawn from the system differ per job; give a list or a seed file for job arrays")
        }
        let seeds = try spec.resolveSeeds(specPath: specPath) { 0 }
        let plan = try TrialPlan.make(spec: spec, seeds: seeds)
        guard plan.indices.contains(index) else {
            throw CommandLineError.invalidValue(option: "--index", value: String(index),
                                                expected: "a trial index in 0..<\(plan.count) (see 'atsbench plan')")
        }
        let trial = plan[index]
        let directory = URL(fileURLWithPath: out)
        if let teacherID = trial.configuration.teacherID {
            let teacherCheckpoint = directory.appendingPathComponent(teacherID + ".safetensors")
            guard FileManager.default.fileExists(atPath: teacherCheckpoint.path) else {
                let teacherIndex = plan.first { $0.id == teacherID }?.index ?? -1
                throw FileError(path: teacherCheckpoint.path,
                                message: "teacher checkpoint not found; run the teacher's line first: "
                                    + "atsbench trial \(specPath) --index \(teacherIndex) --out \(out)")
            }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        print("trial \(index) \(trial.id): \(trial.configuration.displayName)")
        let reporter = try RunReporter(epochs: trial.configuration.epochs, logPath: nil, checkpointEvery: nil) { _ in }
        let record = TrialExecutor(threads: threads, checkpointDirectory: directory)
            .run(trial.configuration, observer: reporter)
        let file = TrialRecordFile(experiment: spec.name, specJSON: spec.canonicalJSON(), planIndex: index, record: record)
        let url = directory.appendingPathComponent(trial.id + ".json")
        try file.encoded().write(to: url, options: .atomic)
        print("trial \(index) \(trial.id): \(record.status.rawValue)" + (record.reason.map { ": \($0)" } ?? "")
              + "; wrote \(url.path)")
        if record.status != .done { exit(3) }
    }
}

/// Writes each finished epoch of a worker's trial to the store, for progress displays.
final class StoreEpochWriter: TrainingObserver {
    let store: ResultStore
    let trialID: String

    init(store: ResultStore, trialID: String) {
        self.store = store
        self.trialID = trialID
    }

    func trainingDidStep(epoch: Int, step: Int, stepCount: Int, loss: Float) {}

    func trainingDidFinishEpoch(_ record: EpochRecord) {
        print(record.logLine)
        fflush(stdout)
        do {
            try store.recordEpoch(trialID: trialID, record)
        } catch {
            standardError("warning: cannot record epoch \(record.epoch) of trial \(trialID): \(ErrorText.describe(error))")
        }
    }
}

/// The JSON file of one trial run outside a store: the experiment it belongs to, its plan
/// position and its record.
struct TrialRecordFile: Codable {
    var experiment: String
    var specJSON: String
    var planIndex: Int
    var record: TrialRecord

    enum CodingKeys: String, CodingKey {
        case experiment
        case specJSON = "spec_json"
        case planIndex = "plan_index"
        case record
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return try encoder.encode(self)
    }

    static func decode(_ data: Data, path: String) throws -> TrialRecordFile {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf",
                                                                        negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(TrialRecordFile.self, from: data)
        } catch {
            throw ExperimentsError.invalidRecord(path: path, reason: ErrorText.describe(error))
        }
    }
}
