import Foundation
import TrainingCore

/// The SQLite result store: experiments, trials (one row each, with status, results and
/// environment), per-epoch rows and teachers' discriminability rows.
///
/// WAL mode lets readers (status, report) work while workers write. Claiming a trial is one
/// immediate transaction, so two runners on one store never run the same trial. A file that
/// is not an atsbench store is rejected and never changed.
public final class ResultStore {
    let database: SQLiteDatabase
    public let path: String

    /// `PRAGMA application_id` of atsbench stores ("ATSB").
    static let applicationID: Int64 = 0x4154_5342
    static let schemaVersion = 1

    public init(path: String) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        database = try SQLiteDatabase(path: path, create: !exists)
        try checkOwnership(isNew: !exists)
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        try createSchema()
    }

    /// Accepts an empty file or one of our stores; anything else is foreign.
    private func checkOwnership(isNew: Bool) throws {
        let id: Int64
        let tableCount: Int
        do {
            id = Int64(try database.query("PRAGMA application_id").first?.first?.int ?? 0)
            tableCount = try database.query("SELECT count(*) FROM sqlite_master").first?.first?.int ?? 0
        } catch {
            throw ExperimentsError.foreignDatabase(path: path, reason: "not an SQLite database")
        }
        if id == Self.applicationID { return }
        guard id == 0, tableCount == 0 else {
            throw ExperimentsError.foreignDatabase(
                path: path, reason: id == 0 ? "an SQLite database of another program, with \(tableCount) "
                    + (tableCount == 1 ? "table" : "tables")
                                            : "application id \(id)")
        }
        try database.execute("PRAGMA application_id = \(Self.applicationID)")
    }

    private func createSchema() throws {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR IGNORE INTO meta VALUES ('schema_version', '\(Self.schemaVersion)');
            CREATE TABLE IF NOT EXISTS experiments (
                name TEXT PRIMARY KEY, spec_json TEXT NOT NULL, spec_sha256 TEXT NOT NULL,
                spec_path TEXT, seeds TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS trials (
                id TEXT PRIMARY KEY, role TEXT NOT NULL, label TEXT, method TEXT NOT NULL, model TEXT NOT NULL,
                teacher_id TEXT, config_json TEXT NOT NULL, seed INTEGER NOT NULL, seed_init INTEGER NOT NULL,
                seed_order INTEGER NOT NULL, seed_augment INTEGER NOT NULL, estimated_macs REAL,
                status TEXT NOT NULL DEFAULT 'pending', reason TEXT,
                final_test_accuracy REAL, best_test_accuracy REAL, best_epoch INTEGER, last_epoch INTEGER,
                wall_seconds REAL, checkpoint_path TEXT, checkpoint_sha256 TEXT,
                host_cpu TEXT, cores INTEGER, threads INTEGER, openblas_core TEXT, build_version TEXT, data_sha256 TEXT,
                worker_pid INTEGER, worker_host TEXT, started_at TEXT, finished_at TEXT, attempts INTEGER DEFAULT 0);
            CREATE TABLE IF NOT EXISTS experiment_trials (
                experiment TEXT NOT NULL REFERENCES experiments(name), trial_id TEXT NOT NULL REFERENCES trials(id),
                plan_index INTEGER NOT NULL, PRIMARY KEY (experiment, trial_id));
            CREATE TABLE IF NOT EXISTS epochs (
                trial_id TEXT NOT NULL REFERENCES trials(id), epoch INTEGER NOT NULL, loss REAL, cross_entropy REAL,
                distillation REAL, train_accuracy REAL, test_accuracy REAL, learning_rate REAL, seconds REAL,
                PRIMARY KEY (trial_id, epoch));
            CREATE TABLE IF NOT EXISTS discriminability (
                trial_id TEXT NOT NULL REFERENCES trials(id), scaling TEXT NOT NULL, tau REAL NOT NULL,
                tp_tau REAL, t_tau REAL, sample_count INTEGER, derived_average_mean REAL, derived_average_sd REAL,
                derived_sigma_mean REAL, derived_sigma_sd REAL, true_class_probability REAL, per_sample_sigma TEXT,
                PRIMARY KEY (trial_id, scaling, tau));
            """)
    }

    // MARK: Experiments

    /// Registers an experiment, or returns the seeds stored with it earlier (so that drawn
    /// seeds are replayed on a rerun). A changed spec under the same name is an error.
    public func registerExperiment(name: String, specJSON: String, specPath: String,
                                   seeds: () throws -> [UInt64]) throws -> [UInt64] {
        let hash = SHA256.hexDigest(of: Array(specJSON.utf8))
        return try database.transaction {
            if let row = try database.query("SELECT spec_sha256, seeds FROM experiments WHERE name = ?",
                                            [.text(name)]).first {
                guard row[0].string == hash else {
                    throw ExperimentsError.invalidSpec(
                        file: specPath, field: "name",
                        message: "experiment '\(name)' is already in \(path) with another spec; "
                            + "rename the experiment or use another --store")
                }
                return (row[1].string ?? "").split(separator: ",").compactMap { UInt64($0) }
            }
            let resolved = try seeds()
            try database.query(
                "INSERT INTO experiments VALUES (?, ?, ?, ?, ?, ?)",
                [.text(name), .text(specJSON), .text(hash), .text(specPath),
                 .text(resolved.map(String.init).joined(separator: ",")), .text(Self.timestamp())])
            return resolved
        }
    }

    public struct ExperimentRow: Equatable, Sendable {
        public let name: String
        public let specJSON: String
        public let specSHA256: String
        public let specPath: String?
        public let seeds: [UInt64]
    }

    public func experiments() throws -> [ExperimentRow] {
        try database.query("SELECT name, spec_json, spec_sha256, spec_path, seeds FROM experiments ORDER BY created_at")
            .map { row in
                ExperimentRow(name: row[0].string ?? "", specJSON: row[1].string ?? "", specSHA256: row[2].string ?? "",
                              specPath: row[3].string,
                              seeds: (row[4].string ?? "").split(separator: ",").compactMap { UInt64($0) })
            }
    }

    /// The named experiment, or the only one when `name` is nil.
    public func experiment(named name: String?) throws -> ExperimentRow {
        let all = try experiments()
        if let name {
            guard let row = all.first(where: { $0.name == name }) else {
                throw ExperimentsError.unknownExperiment(name: name, known: all.map(\.name))
            }
            return row
        }
        guard all.count == 1 else {
            throw ExperimentsError.unknownExperiment(name: "(none given; pass --experiment)", known: all.map(\.name))
        }
        return all[0]
    }

    // MARK: Trials

    /// Adds the plan's trials; trials already in the store (by id) keep their state.
    public func addPlannedTrials(experiment: String, trials: [PlannedTrial]) throws {
        try database.transaction {
            for trial in trials {
                let configuration = trial.configuration
                try database.query("""
                    INSERT OR IGNORE INTO trials (id, role, label, method, model, teacher_id, config_json, seed,
                        seed_init, seed_order, seed_augment, estimated_macs)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [
                        .text(trial.id), .text(configuration.role.rawValue), SQLiteValue(configuration.teacherLabel),
                        .text(configuration.method), .text(configuration.model), SQLiteValue(configuration.teacherID),
                        .text(configuration.canonicalJSON()), .integer(Int64(configuration.seed)),
                        .integer(Int64(configuration.initSeed)), .integer(Int64(configuration.orderSeed)),
                        .integer(Int64(configuration.augmentSeed)), .real(trial.estimatedMACs),
                    ])
                try database.query("INSERT OR IGNORE INTO experiment_trials VALUES (?, ?, ?)",
                                   [.text(experiment), .text(trial.id), .integer(Int64(trial.index))])
            }
        }
    }

    /// Returns running trials of this host whose worker process is gone to `pending`,
    /// deleting their partial epoch rows; returns their ids.
    @discardableResult
    public func resetAbandonedTrials(host: String, isAlive: (Int32) -> Bool) throws -> [String] {
        try database.transaction {
            let rows = try database.query(
                "SELECT id, worker_pid FROM trials WHERE status = 'running' AND worker_host = ?", [.text(host)])
            var reset: [String] = []
            for row in rows {
                guard let id = row[0].string else { continue }
                if let pid = row[1].int, isAlive(Int32(pid)) { continue }
                try resetToPending(id: id, reason: "worker process ended before the trial finished")
                reset.append(id)
            }
            return reset
        }
    }

    func resetToPending(id: String, reason: String) throws {
        try database.query("DELETE FROM epochs WHERE trial_id = ?", [.text(id)])
        try database.query("DELETE FROM discriminability WHERE trial_id = ?", [.text(id)])
        try database.query("""
            UPDATE trials SET status = 'pending', reason = ?, worker_pid = NULL, worker_host = NULL,
                started_at = NULL WHERE id = ?
            """, [.text(reason), .text(id)])
    }

    /// Sets a running trial back to pending (its worker was stopped), dropping partial rows.
    public func releaseTrial(id: String, reason: String) throws {
        try database.transaction {
            try resetToPending(id: id, reason: reason)
        }
    }

    /// Atomically takes the next pending trial of `experiment` whose teacher is done, in plan
    /// order, and marks it running for `pid` on `host`. Students of a failed teacher are
    /// marked failed on the way. Returns nil when nothing is ready.
    public func claimNextTrial(experiment: String, pid: Int32, host: String, excluding: Set<String> = [])
        throws -> (id: String, configuration: TrialConfiguration)? {
        try database.transaction {
            try database.query("""
                UPDATE trials SET status = 'failed', reason = 'its teacher ' || teacher_id || ' did not finish'
                WHERE status = 'pending' AND teacher_id IN (SELECT id FROM trials WHERE status IN ('failed', 'diverged'))
                """)
            let candidates = try database.query("""
                SELECT t.id, t.config_json FROM trials t JOIN experiment_trials e ON e.trial_id = t.id
                WHERE e.experiment = ? AND t.status = 'pending'
                  AND (t.teacher_id IS NULL OR t.teacher_id IN (SELECT id FROM trials WHERE status = 'done'))
                ORDER BY e.plan_index
                """, [.text(experiment)])
            guard let row = candidates.first(where: { !excluding.contains($0[0].string ?? "") }),
                  let id = row[0].string, let json = row[1].string else { return nil }
            try database.query("""
                UPDATE trials SET status = 'running', worker_pid = ?, worker_host = ?, started_at = ?,
                    attempts = attempts + 1, reason = NULL WHERE id = ?
                """, [.integer(Int64(pid)), .text(host), .text(Self.timestamp()), .text(id)])
            return (id, try TrialConfiguration.decode(json))
        }
    }

    public func setWorker(trialID: String, pid: Int32) throws {
        try database.query("UPDATE trials SET worker_pid = ? WHERE id = ?", [.integer(Int64(pid)), .text(trialID)])
    }

    public func recordEpoch(trialID: String, _ record: EpochRecord) throws {
        try database.query("INSERT OR REPLACE INTO epochs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            .text(trialID), .integer(Int64(record.epoch)), .real(record.loss), .real(record.crossEntropy),
            SQLiteValue(record.distillation), .real(record.trainAccuracy), .real(record.testAccuracy),
            .real(record.learningRate), .real(record.seconds),
        ])
    }

    /// Writes a finished trial's results, epochs and discriminability rows in one transaction.
    public func finishTrial(_ record: TrialRecord) throws {
        try database.transaction {
            try writeRecord(record)
        }
    }

    private func writeRecord(_ record: TrialRecord) throws {
        let environment = record.environment
        try database.query("""
            UPDATE trials SET status = ?, reason = ?, final_test_accuracy = ?, best_test_accuracy = ?, best_epoch = ?,
                last_epoch = ?, wall_seconds = ?, checkpoint_path = ?, checkpoint_sha256 = ?, host_cpu = ?, cores = ?,
                threads = ?, openblas_core = ?, build_version = ?, data_sha256 = ?, finished_at = ?
            WHERE id = ?
            """, [
                .text(record.status.rawValue), SQLiteValue(record.reason), SQLiteValue(record.finalTestAccuracy),
                SQLiteValue(record.bestTestAccuracy), SQLiteValue(record.bestEpoch), SQLiteValue(record.lastEpoch),
                .real(record.wallSeconds), SQLiteValue(record.checkpointPath), SQLiteValue(record.checkpointSHA256),
                .text(environment.hostCPU), .integer(Int64(environment.cores)), .integer(Int64(environment.threads)),
                .text(environment.openBLASCore), .text(environment.buildVersion), .text(environment.dataSHA256),
                .text(Self.timestamp()), .text(record.id),
            ])
        try database.query("DELETE FROM epochs WHERE trial_id = ?", [.text(record.id)])
        for epoch in record.epochs {
            try recordEpoch(trialID: record.id, epoch)
        }
        try database.query("DELETE FROM discriminability WHERE trial_id = ?", [.text(record.id)])
        for row in record.discriminability {
            let perSample = row.perSampleSigma.map { values in values.map { "\($0)" }.joined(separator: ",") }
            try database.query("INSERT INTO discriminability VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                .text(record.id), .text(row.scaling), .real(row.tau), .real(row.tpTau), .real(row.tTau),
                .integer(Int64(row.sampleCount)), .real(row.derivedAverageMean), .real(row.derivedAverageSD),
                .real(row.derivedSigmaMean), .real(row.derivedSigmaSD), .real(row.trueClassProbability),
                SQLiteValue(perSample),
            ])
        }
    }

    /// Imports a record written by `atsbench trial --out` into `experiment`; importing it
    /// twice changes nothing. Returns false when the store already had it finished.
    @discardableResult
    public func importRecord(_ record: TrialRecord, experiment: String, planIndex: Int) throws -> Bool {
        guard record.id == record.configuration.id else {
            throw ExperimentsError.invalidRecord(path: record.id, reason: "its id does not match its configuration")
        }
        return try database.transaction {
            let status = try database.query("SELECT status FROM trials WHERE id = ?", [.text(record.id)]).first?[0].string
            if status == "done" { return false }
            let planned = PlannedTrial(index: planIndex, id: record.id, configuration: record.configuration,
                                       estimatedMACs: 0)
            let configuration = planned.configuration
            try database.query("""
                INSERT OR IGNORE INTO trials (id, role, label, method, model, teacher_id, config_json, seed,
                    seed_init, seed_order, seed_augment, estimated_macs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """, [
                    .text(record.id), .text(configuration.role.rawValue), SQLiteValue(configuration.teacherLabel),
                    .text(configuration.method), .text(configuration.model), SQLiteValue(configuration.teacherID),
                    .text(configuration.canonicalJSON()), .integer(Int64(configuration.seed)),
                    .integer(Int64(configuration.initSeed)), .integer(Int64(configuration.orderSeed)),
                    .integer(Int64(configuration.augmentSeed)),
                ])
            try database.query("INSERT OR IGNORE INTO experiment_trials VALUES (?, ?, ?)",
                               [.text(experiment), .text(record.id), .integer(Int64(planIndex))])
            try writeRecord(record)
            return true
        }
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

extension ResultStore {
    /// Marks a trial failed with a reason, keeping its epoch rows for diagnosis.
    public func failTrial(id: String, reason: String) throws {
        try database.query("UPDATE trials SET status = 'failed', reason = ?, finished_at = ? WHERE id = ?",
                           [.text(reason), .text(Self.timestamp()), .text(id)])
    }

    /// Sets failed and diverged trials of `experiment` back to pending, for `--retry-failed`.
    public func retryFailedTrials(experiment: String) throws -> Int {
        try database.transaction {
            let ids = try database.query("""
                SELECT t.id FROM trials t JOIN experiment_trials e ON e.trial_id = t.id
                WHERE e.experiment = ? AND t.status IN ('failed', 'diverged')
                """, [.text(experiment)]).compactMap { $0[0].string }
            for id in ids {
                try resetToPending(id: id, reason: "retried")
            }
            return ids.count
        }
    }

    public func status(ofTrial id: String) throws -> TrialRecord.Status? {
        try database.query("SELECT status FROM trials WHERE id = ?", [.text(id)]).first?[0].string
            .flatMap(TrialRecord.Status.init(rawValue:))
    }
}
