import Experiments
import Foundation
import TrainingCore

/// Set by the SIGINT handler; the runner stops starting trials when it is non-zero.
nonisolated(unsafe) var interruptRequested: sig_atomic_t = 0

/// `atsbench run SPEC`: runs a whole study, resumably.
struct RunCommand: Command {
    static let name = "run"
    static let summary = "run every trial of an experiment spec on all cores, resumably"
    static let help = """
        usage: atsbench run SPEC [--workers N] [--store FILE] [--checkpoints DIR] [--retry-failed]

        Plans the spec's trials (teachers first, then every student per teacher x method x seed),
        and runs the pending ones, each in its own worker process, N at a time. Results go to an
        SQLite store as they come: rerunning the same command skips finished trials and restarts
        unfinished ones, so a crash or Ctrl-C loses nothing that finished. Several runners may share
        one store; none runs a trial twice.

        options:
          --workers N          worker processes at once (default: the number of cores); each gets
                               cores / N threads
          --store FILE         result store (default runs/NAME/results.sqlite)
          --checkpoints DIR    checkpoint folder (default: checkpoints/ beside the store)
          --retry-failed       run failed and diverged trials again

        Exit status: 0 every trial done, 4 some failed or diverged, 130 stopped by Ctrl-C.
        """

    static func run(_ arguments: inout Arguments) throws {
        let specPath = try arguments.positional("SPEC")
        let workers = try arguments.integer("--workers") ?? Executor.availableCores
        let storeOption = try arguments.value("--store")
        let checkpointsOption = try arguments.value("--checkpoints")
        let retryFailed = try arguments.flag("--retry-failed")
        try arguments.finish()
        guard workers >= 1 else {
            throw CommandLineError.invalidValue(option: "--workers", value: String(workers), expected: "an integer >= 1")
        }
        let status = try StudyRunner(specPath: specPath, storePath: storeOption, checkpoints: checkpointsOption,
                                     workers: workers, retryFailed: retryFailed).execute()
        if status != 0 { exit(status) }
    }
}

/// Plans, registers and runs a spec; shared by `run` and `demo`.
struct StudyRunner {
    let specPath: String
    let storePath: String?
    let checkpoints: String?
    let workers: Int
    let retryFailed: Bool

    /// Returns the exit status: 0, 4 (failures) or 130 (interrupted).
    func execute() throws -> Int32 {
        let spec = try ExperimentSpec.load(path: specPath)
        let storePath = self.storePath ?? StoreOptions.defaultStorePath(experiment: spec.name)
        let store = try ResultStore(path: storePath)
        let seeds = try store.registerExperiment(name: spec.name, specJSON: spec.canonicalJSON(), specPath: specPath) {
            try spec.resolveSeeds(specPath: specPath) { try SystemSeed.draw() }
        }
        let plan = try TrialPlan.make(spec: spec, seeds: seeds)
        try store.addPlannedTrials(experiment: spec.name, trials: plan)
        if retryFailed {
            let count = try store.retryFailedTrials(experiment: spec.name)
            print("retrying \(count) failed or diverged trials")
        }
        let checkpointDirectory = checkpoints
            ?? URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("checkpoints").path
        let logDirectory = URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)

        let trials = try store.trials(experiment: spec.name)
        let pending = trials.filter { $0.status == .pending || $0.status == .running }
        let pendingMACs = pending.reduce(0) { $0 + ($1.estimatedMACs ?? 0) }
        print("experiment \(spec.name): \(trials.count) trials, \(trials.count - pending.count) already finished, "
              + "\(pending.count) to run (\(String(format: "%.1f", pendingMACs / 1e12)) T multiply-accumulates), "
              + "seeds \(seeds.map(String.init).joined(separator: ","))")
        print("store \(storePath), \(workers) workers")

        // SIGTERM (kill, a batch system's time limit) stops the run like Ctrl-C.
        signal(SIGINT) { _ in interruptRequested = 1 }
        signal(SIGTERM) { _ in interruptRequested = 1 }
        // A parent process may have left SIGINT blocked (the mask survives exec), which would
        // hold Ctrl-C back until the run ends.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        // A closed output pipe (`atsbench run ... | head`) must not kill the runner while its
        // workers go on without it.
        signal(SIGPIPE, SIG_IGN)
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let runner = ExperimentRunner(store: store, experiment: spec.name, workers: workers, launch: { id, threads in
            let process = Process()
            process.executableURL = executable
            process.arguments = ["trial", "--store", storePath, "--id", id, "--threads", String(threads),
                                 "--checkpoints", checkpointDirectory]
            let logURL = logDirectory.appendingPathComponent(id + ".log")
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            process.standardOutput = log
            process.standardError = log
            try process.run()
            return process
        }, shouldStop: { interruptRequested != 0 })
        let display = RunDisplay(total: trials.count)
        let completed = try runner.run(observer: display)
        display.clear()

        let final = try store.trials(experiment: spec.name)
        let failed = final.filter { $0.status == .failed || $0.status == .diverged }
        let done = final.filter { $0.status == .done }.count
        let notRun = final.filter { $0.status == .pending || $0.status == .running }.count
        print("\(completed ? "finished" : "stopped with"): \(done) done, \(failed.count) failed or diverged, "
              + "\(notRun) not run")
        for trial in failed {
            print("  \(trial.id) \(trial.configuration.displayName): \(trial.reason ?? trial.status.rawValue)")
        }
        if !completed {
            print("stopped; rerun the same command to resume")
            return 130
        }
        return failed.isEmpty ? 0 : 4
    }
}

/// Prints a line per finished trial and, on a terminal, a status line.
final class RunDisplay: RunnerObserver {
    let total: Int
    private let drawsStatus = isatty(STDERR_FILENO) == 1

    init(total: Int) {
        self.total = total
    }

    func runnerDidStart(trial id: String, name: String) {
        clear()
        print("start   \(id)  \(name)")
        fflush(stdout)
    }

    func runnerDidFinish(trial id: String, name: String, status: TrialRecord.Status, detail: String) {
        clear()
        print("\(status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(id)  \(name)  \(detail)")
        fflush(stdout)
    }

    func runnerDidProgress(_ progress: RunProgress) {
        guard drawsStatus else { return }
        let running = progress.running.map { "\($0.name) epoch \($0.epoch ?? 0)/\($0.epochs)" }.joined(separator: "; ")
        let remaining = progress.remainingSeconds.map { "~" + formatDuration($0) + " left" } ?? "estimating"
        let line = "[\(progress.finished)/\(progress.total) done, \(formatDuration(progress.elapsedSeconds)), \(remaining)] \(running)"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + String(line.prefix(160))).utf8))
    }

    func clear() {
        if drawsStatus {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }
}

/// `75` as `1m15s`.
func formatDuration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    if total < 60 { return "\(total)s" }
    if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
    return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m"
}
