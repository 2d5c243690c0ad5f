/// The version of atsbench, recorded in checkpoints, results and reports.
public enum BuildInfo {
    public static let version = "0.1.0"
}
