import Statistics

extension StatsCommand {
    /// Builds the rows of `stats compare`: one per estimate or test of group A against group B
    /// (or against a published reference value).
    static func compare(_ arguments: inout Arguments, level: Double) throws -> OutputTable {
        let path = try arguments.value("--csv")
        let sourceA = try compareSource(&arguments, listOption: "--a", columnOption: "--column-a", path: path)
        let reference = try arguments.double("--reference")
        let sourceB = reference == nil
            ? try compareSource(&arguments, listOption: "--b", columnOption: "--column-b", path: path)
            : nil
        let isPaired = try arguments.flag("--paired")
        let alternative = try parseAlternative(&arguments)
        let resampleCount = try arguments.integer("--resamples") ?? 9_999
        let seed = try arguments.integer("--seed") ?? 1
        guard seed >= 0 else {
            throw CommandLineError.invalidValue(option: "--seed", value: "\(seed)", expected: "an integer of 0 or more")
        }
        try arguments.finish()

        var table = OutputTable(columns: [
            "quantity", "estimate", "ci_lower", "ci_upper", "statistic", "df", "p_value", "method",
        ])
        let a = try sourceA.load()
        if let reference {
            try labelErrors(of: a) {
                table.rows += try referenceRows(a.sample, reference: reference, alternative: alternative, level: level)
            }
            return table
        }

        let b = try sourceB!.load()
        let pair = StatsGroup(label: "\(a.label) vs \(b.label)", sample: a.sample)
        try labelErrors(of: pair) {
            if isPaired {
                let bootstrap = try Bootstrap(resampleCount: resampleCount, seed: UInt64(seed))
                table.rows += try pairedRows(
                    a.sample, b.sample, alternative: alternative, level: level, bootstrap: bootstrap)
            } else {
                table.rows += try unpairedRows(a.sample, b.sample, alternative: alternative, level: level)
            }
        }
        return table
    }

    private static func unpairedRows(
        _ a: Sample, _ b: Sample, alternative: Alternative, level: Double
    ) throws -> [[OutputCell]] {
        let welch = try TTest.welch(a, b, alternative: alternative, level: level)
        let spread = try BrownForsythe.test([a, b])
        let spreadMethod = "Brown-Forsythe F(\(Int(spread.numeratorDegreesOfFreedom)), "
            + "\(Int(spread.denominatorDegreesOfFreedom)))"
        return [
            tTestRow("mean A - mean B", welch, method: "Welch t"),
            effectRow("Cohen's d", try EffectSize.cohensD(a, b), method: "pooled sd"),
            effectRow("P(A > B)", EffectSize.probabilityOfSuperiority(a, b), method: "all pairs, ties count half"),
            [.text("equal spread"), .missing, .missing, .missing, .number(spread.statistic),
             .number(spread.denominatorDegreesOfFreedom), .pValue(spread.pValue), .text(spreadMethod)],
        ]
    }

    private static func pairedRows(
        _ a: Sample, _ b: Sample, alternative: Alternative, level: Double, bootstrap: Bootstrap
    ) throws -> [[OutputCell]] {
        let paired = try TTest.paired(a, b, alternative: alternative, level: level)
        let wilcoxon = try WilcoxonSignedRank.paired(a, b, alternative: alternative)
        let differences = try Sample(zip(a.values, b.values).map { $0 - $1 })
        let bca = try bootstrap.bcaInterval(of: differences, level: level) { values in
            values.reduce(0, +) / Double(values.count)
        }
        return [
            tTestRow("mean of A - B", paired, method: "paired t"),
            [.text("mean of A - B"), .number(bca.value), .number(bca.interval.lower), .number(bca.interval.upper),
             .missing, .missing, .missing,
             .text("BCa bootstrap, \(bootstrap.resampleCount) resamples, seed \(bootstrap.seed)")],
            wilcoxonRow(wilcoxon),
            effectRow("paired d", try EffectSize.pairedD(a, b), method: "mean / sd of differences"),
        ]
    }

    private static func referenceRows(
        _ a: Sample, reference: Double, alternative: Alternative, level: Double
    ) throws -> [[OutputCell]] {
        let test = try TTest.oneSample(a, reference: reference, alternative: alternative, level: level)
        let differences = try Sample(a.values.map { $0 - reference })
        let wilcoxon = try WilcoxonSignedRank.test(differences: differences, alternative: alternative)
        return [
            tTestRow("mean A", test, method: "one-sample t against \(reference)"),
            wilcoxonRow(wilcoxon),
        ]
    }

    // MARK: Rows

    private static func tTestRow(_ quantity: String, _ result: TTestResult, method: String) -> [OutputCell] {
        [.text(quantity), .number(result.estimate.value),
         .number(result.estimate.interval.lower), .number(result.estimate.interval.upper),
         .number(result.statistic), .number(result.degreesOfFreedom), .pValue(result.pValue), .text(method)]
    }

    private static func wilcoxonRow(_ result: WilcoxonSignedRank.Result) -> [OutputCell] {
        [.text("signed ranks W+"), .missing, .missing, .missing, .number(result.positiveRankSum),
         .missing, .pValue(result.pValue),
         .text("Wilcoxon signed-rank, \(result.method.rawValue), \(result.count) non-zero differences")]
    }

    private static func effectRow(_ quantity: String, _ value: Double, method: String) -> [OutputCell] {
        [.text(quantity), .number(value), .missing, .missing, .missing, .missing, .missing, .text(method)]
    }

    // MARK: Options

    /// Reads the source of group A or B: a list option, or a column of the --csv file.
    private static func compareSource(
        _ arguments: inout Arguments, listOption: String, columnOption: String, path: String?
    ) throws -> StatsGroupSource {
        let list = try arguments.value(listOption)
        let column = try arguments.value(columnOption)
        switch (list, column, path) {
        case (let list?, nil, _):
            return .list(label: String(listOption.dropFirst(2)).uppercased(), text: list)
        case (nil, let column?, let path?):
            return .csvColumn(path: path, column: column)
        case (nil, .some, nil):
            throw CommandLineError.missingOption(command: "stats compare", option: "--csv")
        case (.some, .some, _):
            throw CommandLineError.invalidValue(
                option: listOption, value: list!, expected: "either \(listOption) or \(columnOption), not both")
        case (nil, nil, _):
            throw CommandLineError.missingOption(command: "stats compare", option: "\(listOption) or \(columnOption)")
        }
    }

    private static func parseAlternative(_ arguments: inout Arguments) throws -> Alternative {
        guard let text = try arguments.value("--alternative") else { return .twoSided }
        guard let alternative = Alternative(rawValue: text) else {
            throw CommandLineError.invalidValue(
                option: "--alternative", value: text, expected: "two-sided, less or greater")
        }
        return alternative
    }
}
