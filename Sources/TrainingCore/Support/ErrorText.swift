import Foundation

/// Error message text for people: the operating system's reason for a failed file operation
/// instead of Foundation's generic text.
public enum ErrorText {
    /// Returns the reason behind `error`: for a Foundation file error the system's text, such as
    /// "No such file or directory" or "Permission denied"; for any other error its description.
    public static func describe(_ error: Error) -> String {
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
}
