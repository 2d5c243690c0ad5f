/// Errors of specs, plans, runs and the result store.
public enum ExperimentsError: Error, Equatable, CustomStringConvertible {
    /// A spec field is invalid; `field` is its path, such as `methods[2].tp_tau`.
    case invalidSpec(file: String, field: String, message: String)
    case database(path: String, message: String)
    /// The file exists but is not an atsbench store; it is left untouched.
    case foreignDatabase(path: String, reason: String)
    case unknownExperiment(name: String, known: [String])
    case unknownTrial(id: String)
    case trialFailed(id: String, reason: String)
    case invalidRecord(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSpec(let file, let field, let message):
            return "\(file): \(field): \(message)"
        case .database(let path, let message):
            return "result store \(path): \(message)"
        case .foreignDatabase(let path, let reason):
            return "\(path) is not an atsbench result store (\(reason)); it was not changed. "
                + "Pass another --store path."
        case .unknownExperiment(let name, let known):
            return "experiment '\(name)' not found in the store; it has: "
                + (known.isEmpty ? "none" : known.joined(separator: ", "))
        case .unknownTrial(let id):
            return "trial \(id) not found"
        case .trialFailed(let id, let reason):
            return "trial \(id) failed: \(reason)"
        case .invalidRecord(let path, let reason):
            return "\(path): invalid trial record: \(reason)"
        }
    }
}
