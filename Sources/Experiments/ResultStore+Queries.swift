import Foundation
import TrainingCore

/// A trial as the store keeps it.
public struct StoredTrial: Equatable, Sendable {
    public let id: String
    public let planIndex: Int
    public let configuration: TrialConfiguration
    public let status: TrialRecord.Status
    public let reason: String?
    public let finalTestAccuracy: Double?
    public let bestTestAccuracy: Double?
    public let bestEpoch: Int?
    public let lastEpoch: Int?
    public let wallSeconds: Double?
    public let checkpointPath: String?
    public let checkpointSHA256: String?
    public let environment: TrialEnvironment?
    public let estimatedMACs: Double?
    public let attempts: Int
}

extension ResultStore {
    /// The experiment's trials in plan order.
    public func trials(experiment: String) throws -> [StoredTrial] {
        try database.query("""
            SELECT t.id, e.plan_index, t.config_json, t.status, t.reason, t.final_test_accuracy, t.best_test_accuracy,
                t.best_epoch, t.last_epoch, t.wall_seconds, t.checkpoint_path, t.checkpoint_sha256, t.host_cpu, t.cores,
                t.threads, t.openblas_core, t.build_version, t.data_sha256, t.estimated_macs, t.attempts
            FROM trials t JOIN experiment_trials e ON e.trial_id = t.id
            WHERE e.experiment = ? ORDER BY e.plan_index
            """, [.text(experiment)]).map { row in
                let environment = row[12].string.map { cpu in
                    TrialEnvironment(hostCPU: cpu, cores: row[13].int ?? 0, threads: row[14].int ?? 0,
                                     openBLASCore: row[15].string ?? "", buildVersion: row[16].string ?? "",
                                     dataSHA256: row[17].string ?? "")
                }
                return StoredTrial(
                    id: row[0].string ?? "", planIndex: row[1].int ?? 0,
                    configuration: try TrialConfiguration.decode(row[2].string ?? "{}"),
                    status: TrialRecord.Status(rawValue: row[3].string ?? "") ?? .pending, reason: row[4].string,
                    finalTestAccuracy: row[5].double, bestTestAccuracy: row[6].double, bestEpoch: row[7].int,
                    lastEpoch: row[8].int, wallSeconds: row[9].double, checkpointPath: row[10].string,
                    checkpointSHA256: row[11].string, environment: environment, estimatedMACs: row[18].double,
                    attempts: row[19].int ?? 0)
            }
    }

    public func epochs(trialID: String) throws -> [EpochRecord] {
        try database.query("""
            SELECT epoch, loss, cross_entropy, distillation, train_accuracy, test_accuracy, learning_rate, seconds
            FROM epochs WHERE trial_id = ? ORDER BY epoch
            """, [.text(trialID)]).map { row in
                EpochRecord(epoch: row[0].int ?? 0, loss: row[1].double ?? .nan, crossEntropy: row[2].double ?? .nan,
                            distillation: row[3].double, trainAccuracy: row[4].double ?? .nan,
                            testAccuracy: row[5].double ?? .nan, learningRate: row[6].double ?? .nan,
                            seconds: row[7].double ?? .nan)
            }
    }

    /// The last epoch written for each running trial, for progress displays.
    public func latestEpochs(trialIDs: [String]) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for id in trialIDs {
            result[id] = try database.query("SELECT max(epoch) FROM epochs WHERE trial_id = ?", [.text(id)])
                .first?.first?.int
        }
        return result
    }

    public func discriminability(trialID: String) throws -> [DiscriminabilityRow] {
        try database.query("""
            SELECT scaling, tau, tp_tau, t_tau, sample_count, derived_average_mean, derived_average_sd,
                derived_sigma_mean, derived_sigma_sd, true_class_probability, per_sample_sigma
            FROM discriminability WHERE trial_id = ? ORDER BY scaling DESC, tau
            """, [.text(trialID)]).map { row in
                DiscriminabilityRow(
                    scaling: row[0].string ?? "", tau: row[1].double ?? .nan, tpTau: row[2].double ?? .nan,
                    tTau: row[3].double ?? .nan, sampleCount: row[4].int ?? 0,
                    derivedAverageMean: row[5].double ?? .nan, derivedAverageSD: row[6].double ?? .nan,
                    derivedSigmaMean: row[7].double ?? .nan, derivedSigmaSD: row[8].double ?? .nan,
                    trueClassProbability: row[9].double ?? .nan,
                    perSampleSigma: row[10].string.map { $0.split(separator: ",").compactMap { Double($0) } })
            }
    }

    /// The whole record of a trial: its row with its epochs and discriminability.
    public func record(of trial: StoredTrial) throws -> TrialRecord {
        TrialRecord(
            id: trial.id, configuration: trial.configuration, status: trial.status, reason: trial.reason,
            finalTestAccuracy: trial.finalTestAccuracy, bestTestAccuracy: trial.bestTestAccuracy,
            bestEpoch: trial.bestEpoch, lastEpoch: trial.lastEpoch, wallSeconds: trial.wallSeconds ?? 0,
            checkpointPath: trial.checkpointPath, checkpointSHA256: trial.checkpointSHA256,
            environment: trial.environment ?? TrialEnvironment(hostCPU: "", cores: 0, threads: 0, openBLASCore: "",
                                                               buildVersion: "", dataSHA256: ""),
            epochs: try epochs(trialID: trial.id), discriminability: try discriminability(trialID: trial.id))
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try database.query("PRAGMA integrity_check").map { $0.first?.string ?? "" }.joined(separator: "\n")
    }
}

extension ResultStore {
    /// The process id of the worker running a trial, if any.
    public func workerPID(ofTrial id: String) throws -> Int32? {
        try database.query("SELECT worker_pid FROM trials WHERE id = ? AND status = 'running'", [.text(id)])
            .first?.first?.int.map(Int32.init)
    }
}
