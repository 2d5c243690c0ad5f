import Foundation
import TrainingCore

/// Progress of a run, for a display.
public struct RunProgress: Sendable {
    public struct Running: Sendable {
        public let id: String
        public let name: String
        public let epoch: Int?
        public let epochs: Int
    }

    public let total: Int
    public let finished: Int
    public let failed: Int
    public let running: [Running]
    public let elapsedSeconds: Double
    /// Seconds left at the rate of the trials finished so far, by estimated cost; nil until
    /// one has finished.
    public let remainingSeconds: Double?
}

/// Receives what a runner does; the command line prints it.
public protocol RunnerObserver: AnyObject {
    func runnerDidStart(trial id: String, name: String)
    func runnerDidFinish(trial id: String, name: String, status: TrialRecord.Status, detail: String)
    func runnerDidProgress(_ progress: RunProgress)
}

/// Runs an experiment's pending trials, each in its own worker process, a few at a time.
///
/// Trials are claimed from the store one by one in plan order (teachers before their
/// students), so several runners can share a store. A worker that dies leaves its trial
/// `running`; the runner sets it back to pending when the worker was stopped by a signal
/// (kill, Ctrl-C) and marks it failed otherwise. `shouldStop` ends the run cleanly: no new
/// trial starts, running workers get SIGINT and are awaited, and their trials go back to
/// pending.
public final class ExperimentRunner {
    public let store: ResultStore
    public let experiment: String
    public let workers: Int
    /// Starts a worker process for a trial with a thread count.
    public let launch: (_ trialID: String, _ threads: Int) throws -> Process
    public let shouldStop: () -> Bool

    static let pollInterval = 0.2
    static let progressInterval = 1.0

    public init(store: ResultStore, experiment: String, workers: Int,
                launch: @escaping (_ trialID: String, _ threads: Int) throws -> Process,
                shouldStop: @escaping () -> Bool) {
        self.store = store
        self.experiment = experiment
        self.workers = max(1, workers)
        self.launch = launch
        self.shouldStop = shouldStop
    }

    public static var hostName: String { ProcessInfo.processInfo.hostName }

    /// Runs until no trial is ready; returns false if it was stopped early.
    public func run(observer: RunnerObserver?) throws -> Bool {
        let host = Self.hostName
        try store.resetAbandonedTrials(host: host) { pid in kill(pid, 0) == 0 }
        let threads = max(1, Executor.availableCores / workers)
        let start = Date()
        var running: [String: (process: Process, configuration: TrialConfiguration)] = [:]
        var skipped = Set<String>()
        var workersInterrupted = false
        var lastProgress = Date.distantPast

        while true {
            let stopping = shouldStop()
            while !stopping && running.count < workers,
                  let (id, configuration) = try store.claimNextTrial(
                      experiment: experiment, pid: getpid(), host: host, excluding: skipped) {
                do {
                    let process = try launch(id, threads)
                    try store.setWorker(trialID: id, pid: process.processIdentifier)
                    running[id] = (process, configuration)
                    observer?.runnerDidStart(trial: id, name: configuration.displayName)
                } catch {
                    let reason = "cannot start a worker: \(ErrorText.describe(error))"
                    try store.failTrial(id: id, reason: reason)
                    observer?.runnerDidFinish(trial: id, name: configuration.displayName, status: .failed,
                                              detail: reason)
                }
            }
            if running.isEmpty { return !stopping }
            if stopping && !workersInterrupted {
                // kill -INT or -TERM reaches the runner alone, unlike Ctrl-C, so it stops the workers
                // here. No worker starts after a stop, so one pass covers all of them.
                for entry in running.values {
                    entry.process.interrupt()
                }
                workersInterrupted = true
            }

            Thread.sleep(forTimeInterval: Self.pollInterval)
            for (id, entry) in running where !entry.process.isRunning {
                running[id] = nil
                try settle(id: id, process: entry.process, configuration: entry.configuration,
                           skipped: &skipped, observer: observer)
            }
            if Date().timeIntervalSince(lastProgress) >= Self.progressInterval {
                lastProgress = Date()
                observer?.runnerDidProgress(try progress(running: running, start: start))
            }
        }
    }

    /// Records how a finished worker ended when it did not record it itself.
    private func settle(id: String, process: Process, configuration: TrialConfiguration, skipped: inout Set<String>,
                        observer: RunnerObserver?) throws {
        let status = try store.status(ofTrial: id) ?? .failed
        if status != .running {
            let trial = try store.trials(experiment: experiment).first { $0.id == id }
            let detail = trial?.finalTestAccuracy.map { String(format: "test accuracy %.4f", $0) }
                ?? trial?.reason ?? ""
            observer?.runnerDidFinish(trial: id, name: configuration.displayName, status: status, detail: detail)
            return
        }
        if process.terminationReason == .uncaughtSignal {
            // Stopped from outside (kill, Ctrl-C): run it again later, but not in this run.
            try store.releaseTrial(id: id, reason: "worker stopped by signal \(process.terminationStatus)")
            skipped.insert(id)
            observer?.runnerDidFinish(trial: id, name: configuration.displayName, status: .pending,
                                      detail: "worker stopped by signal \(process.terminationStatus); it will rerun")
        } else {
            let reason = "worker exited with status \(process.terminationStatus) without a result"
            try store.failTrial(id: id, reason: reason)
            observer?.runnerDidFinish(trial: id, name: configuration.displayName, status: .failed, detail: reason)
        }
    }

    private func progress(running: [String: (process: Process, configuration: TrialConfiguration)], start: Date) throws
        -> RunProgress {
        let trials = try store.trials(experiment: experiment)
        let epochs = try store.latestEpochs(trialIDs: Array(running.keys))
        let finished = trials.filter { $0.status == .done }
        let failed = trials.filter { $0.status == .failed || $0.status == .diverged }.count
        let elapsed = Date().timeIntervalSince(start)
        let finishedHere = finished.filter { $0.wallSeconds != nil }
        let doneCost = finishedHere.reduce(0) { $0 + ($1.estimatedMACs ?? 0) }
        let doneSeconds = finishedHere.reduce(0) { $0 + ($1.wallSeconds ?? 0) }
        let leftCost = trials.filter { $0.status == .pending || $0.status == .running }
            .reduce(0) { $0 + ($1.estimatedMACs ?? 0) }
        let remaining = doneCost > 0 ? leftCost * doneSeconds / doneCost / Double(workers) : nil
        return RunProgress(
            total: trials.count, finished: finished.count, failed: failed,
            running: running.map { id, entry in
                RunProgress.Running(id: id, name: entry.configuration.displayName, epoch: epochs[id] ?? nil,
                                    epochs: entry.configuration.epochs)
            }.sorted { $0.id < $1.id },
            elapsedSeconds: elapsed, remainingSeconds: remaining)
    }
}
