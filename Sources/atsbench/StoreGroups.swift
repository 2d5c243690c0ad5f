import Experiments
import Foundation

/// Groups of final test accuracies (in percent) selected from a result store, one group per
/// configuration: role, teacher, method with its temperatures, and model.
enum StoreGroups {
    static func select(storePath: String, arguments: inout Arguments) throws -> [StatsGroupSource] {
        let experiment = try arguments.value("--experiment")
        let role = try arguments.value("--role")?.lowercased()
        let method = try arguments.value("--method")?.lowercased()
        let teacher = try arguments.value("--teacher")
        let model = try arguments.value("--model")
        if let role, role != "teacher", role != "student" {
            throw CommandLineError.invalidValue(option: "--role", value: role, expected: "teacher or student")
        }
        if let method, !["ce", "ts", "ats"].contains(method) {
            throw CommandLineError.invalidValue(option: "--method", value: method, expected: "CE, TS or ATS")
        }
        let store = try StoreOptions(storePath: storePath, experiment: experiment).open()
        let name = try store.experiment(named: experiment).name
        let selected = try store.trials(experiment: name).filter { trial in
            let configuration = trial.configuration
            return trial.status == .done && trial.finalTestAccuracy != nil
                && (role == nil || configuration.role.rawValue == role)
                && (method == nil || configuration.method == method)
                && (teacher == nil || configuration.teacherLabel == teacher)
                && (model == nil || configuration.model.lowercased() == model!.lowercased())
        }
        guard !selected.isEmpty else {
            throw FileError(path: storePath, message: "no finished trial of experiment '\(name)' matches the selection")
        }
        var order: [String] = []
        var groups: [String: [Double]] = [:]
        for trial in selected {
            let configuration = trial.configuration
            let label = configuration.role == .teacher
                ? "teacher \(configuration.teacherLabel ?? "") \(configuration.model)"
                : "student \(configuration.model) \(configuration.methodName)"
                    + (configuration.teacherLabel.map { " <- \($0)" } ?? "")
            if groups[label] == nil { order.append(label) }
            groups[label, default: []].append(100 * trial.finalTestAccuracy!)
        }
        // A spread needs two runs; a configuration with one (such as a teacher) is left out.
        let kept = order.filter { groups[$0]!.count >= 2 }
        for label in order where groups[label]!.count < 2 {
            standardError("note: skipped '\(label)': 1 finished run, a spread needs at least 2")
        }
        guard !kept.isEmpty else {
            throw FileError(path: storePath, message: "no selected configuration has 2 or more finished runs")
        }
        return kept.map { StatsGroupSource.values(label: $0, values: groups[$0]!) }
    }
}
