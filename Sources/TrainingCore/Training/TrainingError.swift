/// Errors of training settings.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case invalidSchedule(String)
    case invalidSetting(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .invalidSchedule(let text):
            return "invalid learning-rate schedule '\(text)'; valid: wskd, cosine, constant, step:M1,M2[:GAMMA]"
        case .invalidSetting(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        }
    }
}
