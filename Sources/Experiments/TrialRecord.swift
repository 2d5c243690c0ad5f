import Foundation
import TrainingCore

/// Everything one trial produced: what `atsbench trial --out` writes as JSON and what the
/// store keeps.
public struct TrialRecord: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case pending, running, done, failed, diverged
    }

    public var id: String
    public var configuration: TrialConfiguration
    public var status: Status
    public var reason: String?
    public var finalTestAccuracy: Double?
    public var bestTestAccuracy: Double?
    /// 1-based epoch of the best test accuracy.
    public var bestEpoch: Int?
    public var lastEpoch: Int?
    public var wallSeconds: Double
    public var checkpointPath: String?
    public var checkpointSHA256: String?
    public var environment: TrialEnvironment
    public var epochs: [EpochRecord]
    public var discriminability: [DiscriminabilityRow]

    enum CodingKeys: String, CodingKey {
        case id
        case configuration
        case status
        case reason
        case finalTestAccuracy = "final_test_accuracy"
        case bestTestAccuracy = "best_test_accuracy"
        case bestEpoch = "best_epoch"
        case lastEpoch = "last_epoch"
        case wallSeconds = "wall_seconds"
        case checkpointPath = "checkpoint_path"
        case checkpointSHA256 = "checkpoint_sha256"
        case environment
        case epochs
        case discriminability
    }
}

/// The machine, libraries and data a trial ran with.
public struct TrialEnvironment: Codable, Equatable, Sendable {
    public var hostCPU: String
    public var cores: Int
    public var threads: Int
    public var openBLASCore: String
    public var buildVersion: String
    /// SHA-256 of the training split's decoded pixels.
    public var dataSHA256: String

    public static func current(threads: Int, dataSHA256: String) -> TrialEnvironment {
        TrialEnvironment(hostCPU: hostCPU(), cores: Executor.availableCores, threads: threads,
                         openBLASCore: BLAS.coreName, buildVersion: BuildInfo.identifier, dataSHA256: dataSHA256)
    }

    static func hostCPU() -> String {
        guard let handle = FileHandle(forReadingAtPath: "/proc/cpuinfo") else { return "unknown" }
        defer { try? handle.close() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) }
            ?? "unknown"
    }

    enum CodingKeys: String, CodingKey {
        case hostCPU = "host_cpu"
        case cores
        case threads
        case openBLASCore = "openblas_core"
        case buildVersion = "build_version"
        case dataSHA256 = "data_sha256"
    }
}

/// A teacher's class discriminability at one temperature and scaling, over the test split.
public struct DiscriminabilityRow: Codable, Equatable, Sendable {
    /// `TS` or `ATS`.
    public var scaling: String
    public var tau: Double
    public var tpTau: Double
    public var tTau: Double
    public var sampleCount: Int
    public var derivedAverageMean: Double
    public var derivedAverageSD: Double
    public var derivedSigmaMean: Double
    public var derivedSigmaSD: Double
    public var trueClassProbability: Double
    /// Per-sample sigma(q), kept at one temperature for the histogram.
    public var perSampleSigma: [Double]?

    enum CodingKeys: String, CodingKey {
        case scaling
        case tau
        case tpTau = "tp_tau"
        case tTau = "t_tau"
        case sampleCount = "sample_count"
        case derivedAverageMean = "derived_average_mean"
        case derivedAverageSD = "derived_average_sd"
        case derivedSigmaMean = "derived_sigma_mean"
        case derivedSigmaSD = "derived_sigma_sd"
        case trueClassProbability = "true_class_probability"
        case perSampleSigma = "per_sample_sigma"
    }
}
