/// results.csv: one row per trial with every field of `ReportRun` except the epoch list,
/// quoted as RFC 4180 describes. Accuracies stay fractions, as in the input.
enum ResultsCSV {
    static let columns = [
        "trial_id", "role", "teacher", "model", "method", "tau", "tp_tau", "t_tau",
        "seed", "init_seed", "order_seed", "augment_seed", "status", "status_reason",
        "final_test_accuracy", "best_test_accuracy", "best_epoch", "last_epoch", "wall_seconds", "epoch_count",
    ]

    static func render(_ runs: [ReportRun]) -> String {
        var text = columns.joined(separator: ",") + "\r\n"
        for run in runs {
            let fields: [String] = [
                run.trialID, run.role.rawValue, run.teacherLabel ?? "", run.model, run.method.rawValue,
                number(run.tau), number(run.tpTau), number(run.tTau),
                String(run.seeds.trial), String(run.seeds.initialization), String(run.seeds.order),
                String(run.seeds.augmentation), run.status.rawValue, run.statusReason ?? "",
                number(run.finalTestAccuracy), number(run.bestTestAccuracy),
                run.bestEpoch.map(String.init) ?? "", run.lastEpoch.map(String.init) ?? "",
                number(run.wallSeconds), String(run.epochs.count),
            ]
            text += fields.map(quote).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// Formats `value` as the shortest decimal text that reads back as the same Double, or
    /// as an empty field for nil.
    private static func number(_ value: Double?) -> String {
        value.map { "\($0)" } ?? ""
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
