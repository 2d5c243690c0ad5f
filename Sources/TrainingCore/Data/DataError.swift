/// A failure to find, download, decode or validate a data set.
///
/// Every case names the file (or URL) involved and, where it applies, the byte offset and
/// what was expected against what was found, so a user can locate the damaged input.
public enum DataError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String, hint: String)
    case unreadableFile(path: String, reason: String)
    case truncated(file: String, expectedBytes: Int, actualBytes: Int)
    case wrongMagic(file: String, expected: String, actual: String)
    case malformed(file: String, offset: Int, expected: String, actual: String)
    /// A decoded file whose content has the wrong structure (a missing key, a wrong type).
    case invalidContent(file: String, expected: String, actual: String)
    case labelOutOfRange(file: String, index: Int, label: Int, classCount: Int)
    case countMismatch(file: String, expected: Int, actual: String)
    case shapeMismatch(file: String, expected: [Int], actual: [Int])
    case unsupportedPickleOpcode(file: String, offset: Int, opcode: UInt8, name: String)
    case unsupportedPickleGlobal(file: String, offset: Int, module: String, name: String)
    case compression(file: String, reason: String)
    case unsafeArchivePath(file: String, offset: Int, path: String)
    case checksumMismatch(file: String, expected: String, actual: String)
    case downloadFailed(url: String, reason: String)
    case unknownDataset(name: String, known: [String])
    case invalidParameter(name: String, value: String, expected: String)
    case emptyDataset(path: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path, let hint):
            return "\(path): file not found; \(hint)"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .truncated(let file, let expected, let actual):
            return "\(file): truncated: expected \(expected) bytes, found \(actual)"
        case .wrongMagic(let file, let expected, let actual):
            return "\(file): wrong magic number: expected \(expected), found \(actual)"
        case .malformed(let file, let offset, let expected, let actual):
            return "\(file): invalid data at byte \(offset): expected \(expected), found \(actual)"
        case .invalidContent(let file, let expected, let actual):
            return "\(file): expected \(expected), found \(actual)"
        case .labelOutOfRange(let file, let index, let label, let classCount):
            return "\(file): label \(label) of image \(index) is out of range: expected 0..<\(classCount)"
        case .countMismatch(let file, let expected, let actual):
            return "\(file): expected \(expected) entries to match the images, found \(actual)"
        case .shapeMismatch(let file, let expected, let actual):
            return "\(file): expected shape \(expected), found \(actual)"
        case .unsupportedPickleOpcode(let file, let offset, let opcode, let name):
            let hex = String(opcode, radix: 16)
            return "\(file): unsupported pickle opcode \(name) (0x\(hex)) at byte \(offset); "
                + "only data pickles of protocols 2 to 5 are read"
        case .unsupportedPickleGlobal(let file, let offset, let module, let name):
            return "\(file): rejected pickle global \(module).\(name) at byte \(offset); "
                + "only numpy arrays, dtypes and latin-1 byte strings are allowed"
        case .compression(let file, let reason):
            return "\(file): invalid gzip data: \(reason)"
        case .unsafeArchivePath(let file, let offset, let path):
            return "\(file): archive entry at byte \(offset) has unsafe path '\(path)' (absolute or containing '..')"
        case .checksumMismatch(let file, let expected, let actual):
            return "\(file): MD5 mismatch: expected \(expected), found \(actual); delete the file and download again"
        case .downloadFailed(let url, let reason):
            return "download of \(url) failed: \(reason)"
        case .unknownDataset(let name, let known):
            return "unknown data set '\(name)'; expected one of: \(known.joined(separator: ", "))"
        case .invalidParameter(let name, let value, let expected):
            return "invalid \(name) '\(value)': expected \(expected)"
        case .emptyDataset(let path):
            return "\(path): no images found"
        }
    }
}
