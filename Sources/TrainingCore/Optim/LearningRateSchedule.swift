import Foundation

/// A multiplier of the base learning rate per epoch index `t` (0-based).
public enum LearningRateSchedule: Equatable, Codable, Sendable {
    /// The reference protocol's schedule ("wskd"): a linear warm-up `(t + 1e-6) / 5` for
    /// `t <= 5`, then 1 up to `t = 120`, then `0.1^floor((t - 120) / 30)`.
    case wskd
    /// `gamma^k` after the k-th milestone epoch index has been reached.
    case step(milestones: [Int], gamma: Double)
    /// Cosine annealing from 1 to 0 over `totalEpochs`: `0.5 * (1 + cos(pi * t / totalEpochs))`.
    case cosine
    /// Always 1.
    case constant

    static let warmupEpochs = 5.0
    static let warmupOffset = 1e-6
    static let plateauEnd = 120
    static let decayPeriod = 30
    static let decayFactor = 0.1

    public func factor(epoch t: Int, totalEpochs: Int) -> Double {
        switch self {
        case .wskd:
            if Double(t) <= Self.warmupEpochs { return (Double(t) + Self.warmupOffset) / Self.warmupEpochs }
            if t <= Self.plateauEnd { return 1 }
            return pow(Self.decayFactor, Double((t - Self.plateauEnd) / Self.decayPeriod))
        case .step(let milestones, let gamma):
            return pow(gamma, Double(milestones.filter { t >= $0 }.count))
        case .cosine:
            return 0.5 * (1 + cos(Double.pi * Double(t) / Double(max(1, totalEpochs))))
        case .constant:
            return 1
        }
    }

    /// Parses `wskd`, `cosine`, `constant`, or `step:M1,M2,...[:GAMMA]` (gamma 0.1 by default).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts[0].lowercased() {
        case "wskd" where parts.count == 1: self = .wskd
        case "cosine" where parts.count == 1: self = .cosine
        case "constant" where parts.count == 1: self = .constant
        case "step" where parts.count == 2 || parts.count == 3:
            let milestones = parts[1].split(separator: ",").compactMap { Int($0) }
            let gamma = parts.count == 3 ? Double(parts[2]) : 0.1
            guard !milestones.isEmpty, milestones.count == parts[1].split(separator: ",").count,
                  let gamma, gamma > 0 else {
                throw TrainingError.invalidSchedule(text)
            }
            self = .step(milestones: milestones.sorted(), gamma: gamma)
        default:
            throw TrainingError.invalidSchedule(text)
        }
    }

    public var name: String {
        switch self {
        case .wskd: return "wskd"
        case .step(let milestones, let gamma):
            return "step:" + milestones.map(String.init).joined(separator: ",") + ":\(gamma)"
        case .cosine: return "cosine"
        case .constant: return "constant"
        }
    }
}
