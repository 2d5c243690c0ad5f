import Experiments
import Foundation
import TrainingCore

/// `atsbench plan SPEC`: the trials a spec expands to, with their estimated cost.
struct PlanCommand: Command {
    static let name = "plan"
    static let summary = "list the trials of an experiment spec with estimated costs; write a manifest"
    static let help = """
        usage: atsbench plan SPEC [--manifest FILE] [--out DIR] [--format table|csv|json]

        Validates the spec and prints its trials in run order (teachers first), with ids and an
        estimated cost in multiply-accumulates (forward, backward and evaluation over all epochs).
        With --manifest, writes one line per trial for any scheduler: the index, the id, and the
        command that runs it ('atsbench trial SPEC --index K --out DIR', DIR from --out, default
        results/).
        """

    static func run(_ arguments: inout Arguments) throws {
        let specPath = try arguments.positional("SPEC")
        let manifest = try arguments.value("--manifest")
        let out = try arguments.value("--out") ?? "results"
        let format = try arguments.outputFormat()
        try arguments.finish()

        let spec = try ExperimentSpec.load(path: specPath)
        let seeds: [UInt64]
        if case .random(let count) = spec.seeds {
            seeds = (0..<UInt64(count)).map { $0 }
            standardError("note: the spec draws \(count) seeds from the system when it runs; "
                          + "the plan shows placeholders 0..<\(count)")
        } else {
            seeds = try spec.resolveSeeds(specPath: specPath) { 0 }
        }
        let plan = try TrialPlan.make(spec: spec, seeds: seeds)
        var table = OutputTable(columns: ["index", "id", "trial", "epochs", "estimated_gmacs"])
        for trial in plan {
            table.rows.append([.integer(trial.index), .text(trial.id), .text(trial.configuration.displayName),
                               .integer(trial.configuration.epochs), .number(trial.estimatedMACs / 1e9)])
        }
        print(table.render(format))
        if format == .table {
            let total = plan.reduce(0) { $0 + $1.estimatedMACs }
            print("\(plan.count) trials, \(String(format: "%.2f", total / 1e12)) T multiply-accumulates in all")
        }
        if let manifest {
            let lines = plan.map { "\($0.index)\t\($0.id)\tatsbench trial \(specPath) --index \($0.index) --out \(out)" }
            do {
                try (lines.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
            } catch {
                throw FileError(path: manifest, message: "cannot write the manifest: \(ErrorText.describe(error))")
            }
            standardError("wrote \(plan.count) lines to \(manifest)")
        }
    }
}
