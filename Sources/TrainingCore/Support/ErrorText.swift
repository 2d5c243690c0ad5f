import Foundation

/// Error message text for people: the operating system's reason for a failed file operation
/// instead of Foundation's generic text.
public enum ErrorText {
    /// Returns the reason behind `error`: for a Foundation file error the system's text, such as
    /// "No such file or directory" or "Permission denied"; for any other error its description.
    public static func describe(_ error: Error) -> String {
        if let decodingError = error as? DecodingError {
            return describe(decodingError)
        }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        // On Linux the underlying error may be a Swift error that `as? NSError` does not match.
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? Error {
            let underlyingError = underlying as NSError
            if underlyingError.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(underlyingError.code)))
            }
        }
        if nsError.domain == NSCocoaErrorDomain {
            // Foundation's text starts with a generic sentence that names no cause.
            let generic = "The operation could not be completed. "
            let text = nsError.localizedDescription
            return text.hasPrefix(generic) ? String(text.dropFirst(generic.count)) : text
        }
        return String(describing: error)
    }

    /// Names the field of a JSON decoding error, such as "missing field 'environment.build_version'",
    /// where Foundation's message is only "The data is missing."
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, appending key: CodingKey? = nil) -> String {
            var text = ""
            for part in context.codingPath + (key.map { [$0] } ?? []) {
                if let index = part.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + part.stringValue
                }
            }
            return text.isEmpty ? "the top level" : "field '\(text)'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(path(context, appending: key))"
        case .valueNotFound(let type, let context):
            return "\(path(context)) is null, expected \(type)"
        case .typeMismatch(let type, let context):
            return "\(path(context)) has the wrong type, expected \(type)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}
