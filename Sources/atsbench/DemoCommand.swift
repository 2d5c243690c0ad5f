import Experiments
import Foundation

/// `atsbench demo`: the study in specs/demo.json on Fashion-MNIST, then its report.
struct DemoCommand: Command {
    static let name = "demo"
    static let summary = "run the demo ATS study on Fashion-MNIST and write its report (what 'make demo' runs)"
    static let help = """
        usage: atsbench demo [--spec FILE] [--store FILE] [--out DIR] [--workers N]

        Runs the study of specs/demo.json (small and large teacher, a VGG8 student with CE, TS and
        ATS over 5 seeds, the discriminability sweep, the std claim) on the real Fashion-MNIST data,
        then writes the HTML report. Rerunning resumes: finished trials are kept.

          --spec FILE          study spec (default specs/demo.json)
          --store FILE         result store (default runs/demo/results.sqlite)
          --out DIR            report folder (default reports/demo)
          --workers N          worker processes (default: the number of cores)
        """

    /// Planned multiply-accumulates per second per core of the whole demo (14.8 T in 5 min 9 s
    /// on 2 cores of an AMD EPYC, OpenBLAS Cooperlake kernel). It only sizes the estimate
    /// printed first.
    static let measuredMACsPerSecondPerCore = 2.4e10

    static func run(_ arguments: inout Arguments) throws {
        let specPath = try arguments.value("--spec") ?? "specs/demo.json"
        let storePath = try arguments.value("--store") ?? "runs/demo/results.sqlite"
        let out = try arguments.value("--out") ?? "reports/demo"
        let workers = try arguments.integer("--workers") ?? ProcessInfo.processInfo.activeProcessorCount
        try arguments.finish()

        let spec = try ExperimentSpec.load(path: specPath)
        let seeds = try spec.resolveSeeds(specPath: specPath) { 0 }
        let plan = try TrialPlan.make(spec: spec, seeds: seeds)
        let macs = plan.reduce(0) { $0 + $1.estimatedMACs }
        let minutes = macs / measuredMACsPerSecondPerCore / Double(max(1, min(workers, ProcessInfo.processInfo.activeProcessorCount))) / 60
        print("demo: \(plan.count) trials, \(String(format: "%.1f", macs / 1e12)) T multiply-accumulates; "
              + "estimate \(String(format: "%.0f", minutes.rounded(.up))) minutes on \(workers) workers "
              + "(from this machine's measured rate; less if an earlier run finished some trials)")
        let status = try StudyRunner(specPath: specPath, storePath: storePath, checkpoints: nil, workers: workers,
                                     retryFailed: false).execute()
        if status == 130 { exit(status) }
        let store = try ResultStore(path: storePath)
        try ReportCommand.write(store: store, experiment: spec.name, out: out,
                                command: "make demo   # = atsbench demo --spec \(specPath) --store \(storePath) --out \(out)")
        if status != 0 { exit(status) }
    }
}
