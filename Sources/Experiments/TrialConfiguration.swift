import Foundation
import TrainingCore

/// Everything that determines one trial's result: its identity is the SHA-256 of this
/// value as canonical JSON (sorted snake_case keys), which includes its seeds.
public struct TrialConfiguration: Codable, Equatable, Sendable {
    public enum Role: String, Codable, Sendable {
        case teacher, student
    }

    public var role: Role
    /// The teacher's label for a teacher or a distilled student; nil for a CE student.
    public var teacherLabel: String?
    /// The id of the teacher trial a student learns from.
    public var teacherID: String?
    public var dataset: ExperimentSpec.DatasetSpec
    public var model: String
    public var width: Double
    public var epochs: Int
    public var lr: Double
    public var momentum: Double
    public var weightDecay: Double
    public var batchSize: Int
    public var schedule: String
    public var augment: Bool
    /// `ce`, `ts` or `ats`; teachers train with `ce`.
    public var method: String
    public var tpTau: Double?
    public var tTau: Double?
    public var lamb: Double?
    public var sTau: Double?
    /// The study seed this trial belongs to.
    public var seed: UInt64
    public var initSeed: UInt64
    public var orderSeed: UInt64
    public var augmentSeed: UInt64
    /// Temperatures of the discriminability sweep run after a teacher trains.
    public var discriminabilityTaus: [Double]?
    public var atsRatio: [Double]?

    /// The canonical JSON text that the id hashes.
    public func canonicalJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The first 16 hex digits of the SHA-256 of `canonicalJSON()`.
    public var id: String {
        String(SHA256.hexDigest(of: Array(canonicalJSON().utf8)).prefix(16))
    }

    public static func decode(_ text: String) throws -> TrialConfiguration {
        let decoder = JSONDecoder()
        return try decoder.decode(TrialConfiguration.self, from: Data(text.utf8))
    }

    /// A short human name: `teacher small ResNet8 seed 1`, `student ATS 4/2 <- large seed 3`.
    public var displayName: String {
        switch role {
        case .teacher:
            return "teacher \(teacherLabel ?? "?") \(model) seed \(seed)"
        case .student:
            return "student \(methodName)" + (teacherLabel.map { " <- \($0)" } ?? "") + " seed \(seed)"
        }
    }

    /// `CE`, `TS 4` or `ATS 4/2`.
    public var methodName: String {
        switch method {
        case "ts": return "TS \(formatNumber(tpTau ?? 0))"
        case "ats": return "ATS \(formatNumber(tpTau ?? 0))/\(formatNumber(tTau ?? 0))"
        default: return "CE"
        }
    }

    enum CodingKeys: String, CodingKey {
        case role
        case teacherLabel = "teacher_label"
        case teacherID = "teacher_id"
        case dataset
        case model
        case width
        case epochs
        case lr
        case momentum
        case weightDecay = "weight_decay"
        case batchSize = "batch_size"
        case schedule
        case augment
        case method
        case tpTau = "tp_tau"
        case tTau = "t_tau"
        case lamb
        case sTau = "s_tau"
        case seed
        case initSeed = "init_seed"
        case orderSeed = "order_seed"
        case augmentSeed = "augment_seed"
        case discriminabilityTaus = "discriminability_taus"
        case atsRatio = "ats_ratio"
    }
}

func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
