import Foundation

/// The version of atsbench, recorded in checkpoints, results and reports.
public enum BuildInfo {
    public static let version = "0.1.0"

    /// The version and the first 12 hex digits of the running executable's SHA-256, such as
    /// "0.1.0+exe.3f2a9c81d0e4", recorded with every trial in the result store. Two trials with
    /// the same identifier ran the same machine code. A rebuild of the same source may get
    /// another one, and results can differ between builds, because the order of float sums
    /// can change. Checkpoints keep the version alone, so that identical weights give identical
    /// files. Where the executable cannot be read, the identifier is the version alone.
    public static let identifier: String = {
        guard let executable = FileManager.default.contents(atPath: "/proc/self/exe") else { return version }
        return version + "+exe." + SHA256.hexDigest(of: executable).prefix(12)
    }()
}
