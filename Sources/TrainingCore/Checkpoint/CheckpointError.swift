/// Errors of reading, writing and loading checkpoints.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case unwritableFile(path: String, reason: String)
    case truncated(path: String, offset: Int, expected: String)
    case malformedHeader(path: String, offset: Int, reason: String)
    case missingTensor(name: String)
    case unexpectedTensors(names: [String])
    case wrongShape(name: String, expected: [Int], actual: [Int])
    case wrongDType(name: String, expected: String, actual: String)

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
            return "tensor '\(name)' is missing from the checkpoint"
        case .unexpectedTensors(let names):
            return "the checkpoint has tensors the model does not: \(names.joined(separator: ", "))"
        case .wrongShape(let name, let expected, let actual):
            return "tensor '\(name)' has shape \(actual), expected \(expected)"
        case .wrongDType(let name, let expected, let actual):
            return "tensor '\(name)' has dtype \(actual), expected \(expected)"
        }
    }
}
