import Experiments
import Foundation
import Reports
import TrainingCore

/// `atsbench status`: the state of every trial of an experiment.
struct StatusCommand: Command {
    static let name = "status"
    static let summary = "show the trials of an experiment in a result store and their status"
    static let help = """
        usage: atsbench status (--store FILE [--experiment NAME] | --experiment NAME) [--format table|csv|json]

        Prints one row per trial (plan order, status, final and best test accuracy, epochs, seconds,
        reason) and a count per status.
        \(StoreOptions.helpText)
          --format F           table (default), csv or json
        """

    static func run(_ arguments: inout Arguments) throws {
        let options = try StoreOptions.parse(&arguments)
        let format = try arguments.outputFormat()
        try arguments.finish()
        let store = try options.open()
        let experiment = try store.experiment(named: options.experiment)
        let trials = try store.trials(experiment: experiment.name)
        var table = OutputTable(columns: ["index", "id", "trial", "status", "final_test_accuracy",
                                          "best_test_accuracy", "last_epoch", "epochs", "seconds", "reason"])
        for trial in trials {
            table.rows.append([
                .integer(trial.planIndex), .text(trial.id), .text(trial.configuration.displayName),
                .text(trial.status.rawValue), trial.finalTestAccuracy.map { .number($0) } ?? .missing,
                trial.bestTestAccuracy.map { .number($0) } ?? .missing, trial.lastEpoch.map { .integer($0) } ?? .missing,
                .integer(trial.configuration.epochs), trial.wallSeconds.map { .number($0) } ?? .missing,
                trial.reason.map { .text($0) } ?? .missing,
            ])
        }
        print(table.render(format))
        if format == .table {
            let counts = Dictionary(grouping: trials, by: \.status.rawValue).mapValues(\.count)
            print("experiment \(experiment.name): " + counts.keys.sorted().map { "\(counts[$0]!) \($0)" }
                .joined(separator: ", "))
        }
    }
}

/// `atsbench export`: trials or epochs as CSV or JSON for pandas and R.
struct ExportCommand: Command {
    static let name = "export"
    static let summary = "export an experiment's trials or epochs as CSV or JSON"
    static let help = """
        usage: atsbench export (--store FILE | --experiment NAME) [--format csv|json] [--epochs] [--out FILE]

        One row per trial: id, role, teacher, model, width, method, temperatures, lamb, seeds, status,
        final and best test accuracy (fractions), epochs, seconds, checkpoint and its SHA-256, and the
        environment (CPU, cores, threads, OpenBLAS core, build, data checksum). With --epochs, one row
        per trial and epoch instead.
        \(StoreOptions.helpText)
          --format F           csv (default) or json
          --out FILE           write to FILE instead of standard output
        """

    static func run(_ arguments: inout Arguments) throws {
        let options = try StoreOptions.parse(&arguments)
        let formatText = try arguments.value("--format") ?? "csv"
        let epochs = try arguments.flag("--epochs")
        let out = try arguments.value("--out")
        try arguments.finish()
        guard let format = OutputTable.Format(rawValue: formatText), format != .table else {
            throw CommandLineError.invalidValue(option: "--format", value: formatText, expected: "csv or json")
        }
        let store = try options.open()
        let experiment = try store.experiment(named: options.experiment)
        let trials = try store.trials(experiment: experiment.name)
        let table = epochs ? try epochTable(trials, store: store) : trialTable(trials)
        let text = table.render(format) + "\n"
        if let out {
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw FileError(path: out, message: "cannot write: \(ErrorText.describe(error))")
            }
        } else {
            print(text, terminator: "")
        }
    }

    static func trialTable(_ trials: [StoredTrial]) -> OutputTable {
        var table = OutputTable(columns: [
            "id", "experiment_index", "role", "teacher", "teacher_id", "model", "width", "method", "tp_tau", "t_tau",
            "lamb", "s_tau", "seed", "seed_init", "seed_order", "seed_augment", "epochs", "status", "reason",
            "final_test_accuracy", "best_test_accuracy", "best_epoch", "last_epoch", "wall_seconds", "checkpoint",
            "checkpoint_sha256", "host_cpu", "cores", "threads", "openblas_core", "build_version", "data_sha256",
        ])
        func number(_ value: Double?) -> OutputCell { value.map { .number($0) } ?? .missing }
        func integer(_ value: Int?) -> OutputCell { value.map { .integer($0) } ?? .missing }
        func text(_ value: String?) -> OutputCell { value.map { .text($0) } ?? .missing }
        for trial in trials {
            let configuration = trial.configuration
            let environment = trial.environment
            table.rows.append([
                .text(trial.id), .integer(trial.planIndex), .text(configuration.role.rawValue),
                text(configuration.teacherLabel), text(configuration.teacherID), .text(configuration.model),
                .number(configuration.width), .text(configuration.method), number(configuration.tpTau),
                number(configuration.tTau), number(configuration.lamb), number(configuration.sTau),
                .text(String(configuration.seed)), .text(String(configuration.initSeed)),
                .text(String(configuration.orderSeed)), .text(String(configuration.augmentSeed)),
                .integer(configuration.epochs), .text(trial.status.rawValue), text(trial.reason),
                number(trial.finalTestAccuracy), number(trial.bestTestAccuracy), integer(trial.bestEpoch),
                integer(trial.lastEpoch), number(trial.wallSeconds), text(trial.checkpointPath),
                text(trial.checkpointSHA256), text(environment?.hostCPU), integer(environment?.cores),
                integer(environment?.threads), text(environment?.openBLASCore), text(environment?.buildVersion),
                text(environment?.dataSHA256),
            ])
        }
        return table
    }

    static func epochTable(_ trials: [StoredTrial], store: ResultStore) throws -> OutputTable {
        var table = OutputTable(columns: ["id", "trial", "epoch", "loss", "cross_entropy", "distillation",
                                          "train_accuracy", "test_accuracy", "learning_rate", "seconds"])
        for trial in trials {
            for epoch in try store.epochs(trialID: trial.id) {
                table.rows.append([
                    .text(trial.id), .text(trial.configuration.displayName), .integer(epoch.epoch), .number(epoch.loss),
                    .number(epoch.crossEntropy), epoch.distillation.map { .number($0) } ?? .missing,
                    .number(epoch.trainAccuracy), .number(epoch.testAccuracy), .number(epoch.learningRate),
                    .number(epoch.seconds),
                ])
            }
        }
        return table
    }
}

/// `atsbench collect DIR`: imports trial records written by `atsbench trial --out`.
struct CollectCommand: Command {
    static let name = "collect"
    static let summary = "import trial records written by 'atsbench trial --out' into a result store"
    static let help = """
        usage: atsbench collect DIR --store FILE

        Reads every DIR/*.json written by 'atsbench trial SPEC --index K --out DIR' and adds it to the
        store, with its experiment. Importing a record twice changes nothing.
        """

    static func run(_ arguments: inout Arguments) throws {
        let directory = try arguments.positional("DIR")
        let storePath = try arguments.required("--store")
        try arguments.finish()
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw FileError(path: directory, message: "cannot list the folder: \(ErrorText.describe(error))")
        }
        let store = try ResultStore(path: storePath)
        var imported = 0, skipped = 0
        for name in files {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FileError(path: path, message: "cannot read")
            }
            let file = try TrialRecordFile.decode(data, path: path)
            _ = try store.registerExperiment(name: file.experiment, specJSON: file.specJSON, specPath: path) {
                [file.record.configuration.seed]
            }
            if try store.importRecord(file.record, experiment: file.experiment, planIndex: file.planIndex) {
                imported += 1
            } else {
                skipped += 1
            }
        }
        print("imported \(imported) records, \(skipped) already in \(storePath)")
    }
}

/// `atsbench report`: the HTML report of an experiment.
struct ReportCommand: Command {
    static let name = "report"
    static let summary = "write the HTML report of an experiment: verdicts, tables, charts, how to reproduce"
    static let help = """
        usage: atsbench report (--store FILE | --experiment NAME) --out DIR

        Writes DIR/index.html (opens from disk, no network), the PNG charts, results.csv, spec.json
        and environment.json. Verdicts come first: ATS against TS per teacher, paired by seed; the
        large teacher against the small one; the claimed run-to-run standard deviation.
        \(StoreOptions.helpText)
          --out DIR            report folder; an older report there is replaced
        """

    static func run(_ arguments: inout Arguments) throws {
        let options = try StoreOptions.parse(&arguments)
        let out = try arguments.required("--out")
        try arguments.finish()
        try write(store: options.open(), experiment: options.experiment, out: out, command: nil)
    }

    static func write(store: ResultStore, experiment: String?, out: String, command: String?) throws {
        let row = try store.experiment(named: experiment)
        let reproduce = command ?? "atsbench run \(row.specPath ?? "SPEC") --store \(store.path)"
            + " && atsbench report --store \(store.path) --out \(out)"
        let input = try ReportInput(store: store, experiment: row.name, reproduceCommand: reproduce)
        try ReportWriter.write(input, to: URL(fileURLWithPath: out))
        print("report written to \(URL(fileURLWithPath: out).appendingPathComponent("index.html").path)")
    }
}
