/// Every error the Reports module throws.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The report folder or one of its files could not be created or written.
    case writeFailed(path: String, reason: String)
    /// A field of the input was invalid; `field` names it, such as "runs[3].finalTestAccuracy".
    case invalidInput(field: String, reason: String)
    /// A chart could not be drawn or encoded; `message` is the Plotting error's description.
    case chartFailed(file: String, message: String)

    public var description: String {
        switch self {
        case .writeFailed(let path, let reason):
            return "cannot write the report at \(path): \(reason); choose a folder that can be created and written"
        case .invalidInput(let field, let reason):
            return "invalid report input \(field): \(reason)"
        case .chartFailed(let file, let message):
            return "failed to draw the chart \(file): \(message)"
        }
    }
}
