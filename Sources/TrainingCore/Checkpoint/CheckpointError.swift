/// Errors of reading, writing and loading checkpoints.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case unwritableFile(path: String, reason: String)
    case truncated(path: String, offset: Int, expected: String)
    case malformedHeader(path: String, offset: Int, reason: String)
    case missingTensor(name: String)
    case unexpectedTensors(names: [String])
    case missingTensors(names: [String])
    /// A state that does not fit the model: names it lacks and names it has in excess.
    case mismatchedState(missing: [String], unexpected: [String])
    case wrongShape(name: String, expected: [Int], actual: [Int])
    case wrongDType(name: String, expected: String, actual: String)

    /// The first few names, then a count of the rest.
    private static func listHead(_ names: [String], limit: Int = 4) -> String {
        let head = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? head + ", and \(names.count - limit) more" : head
    }

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritableFile(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .truncated(let path, let offset, let expected):
            return "\(path) is truncated at byte offset \(offset): expected \(expected)"
        case .malformedHeader(let path, let offset, let reason):
            return "\(path): malformed safetensors header at byte offset \(offset): \(reason)"
        case .missingTensor(let name):
            return "tensor '\(name)' not found"
        case .unexpectedTensors(let names):
            return "the checkpoint has tensors the model does not: \(names.joined(separator: ", "))"
        case .missingTensors(let names):
            return "\(names.count) tensors the model needs are missing from the checkpoint: \(Self.listHead(names))"
        case .mismatchedState(let missing, let unexpected):
            return "the checkpoint does not fit the model (another model, width or class count?): "
                + "\(missing.count) tensors missing (\(Self.listHead(missing))), "
                + "\(unexpected.count) unexpected (\(Self.listHead(unexpected)))"
        case .wrongShape(let name, let expected, let actual):
            return "tensor '\(name)' has shape \(actual), expected \(expected)"
        case .wrongDType(let name, let expected, let actual):
            return "tensor '\(name)' has dtype \(actual), expected \(expected)"
        }
    }
}
