import Statistics

/// `atsbench stats`: descriptive statistics, two-group comparisons and the check of a
/// claimed run-to-run standard deviation, on groups of numbers such as final accuracies.
struct StatsCommand: Command {
    static let name = "stats"
    static let summary = "describe runs, compare two groups, or check a claimed standard deviation"
    static let help = """
        usage: atsbench stats describe   GROUPS [--level P] [--format F]
               atsbench stats compare    A B [--paired] [--alternative H] [--level P] [--format F]
               atsbench stats verify-std GROUPS --claim S [--test-size N] [--unit U] [--level P] [--format F]

        describe    n, mean, sd, median, IQR, interquartile mean, min, max, the t interval of
                    the mean and the chi-square interval of the sd, one row per group.
        compare     group A against group B: the mean difference with Welch's t test (or the
                    paired t test, the Wilcoxon signed-rank test and a BCa bootstrap interval
                    with --paired), effect sizes and the Brown-Forsythe test of equal spread.
                    With --reference in place of B: the one-sample t and signed-rank tests.
        verify-std  each group's sd with its interval, whether the claimed sd lies inside,
                    how many runs would tell the claim from the estimate, and the sd that
                    per-image chance alone gives (binomial at the mean accuracy: every test
                    image right or wrong independently in each run).

        groups (describe, verify-std; repeat options for several groups):
          --values LIST         comma-separated numbers, such as 76.20,75.80,75.89
          --csv FILE            a CSV file whose first line names its columns
          --column NAME         a column of FILE; empty cells are skipped
        groups A and B (compare):
          --a LIST, --b LIST    comma-separated numbers
          --column-a NAME, --column-b NAME
                                columns of the --csv FILE
          --reference VALUE     a published value to test group A's mean against, in place of B
        groups from a result store (describe, verify-std): final test accuracies in percent of
        the finished trials, one group per configuration (role, teacher, method, model):
          --store FILE          result store written by 'atsbench run'
          --experiment NAME     experiment in the store (default: the only one)
          --role R              teacher or student
          --method M            CE, TS or ATS
          --teacher LABEL       students of this teacher (or this teacher's own runs)
          --model NAME          this model only

        options:
          --level P             confidence level of every interval (default 0.95)
          --format F            table (default), csv or json; csv and json print numbers in full
          --paired              compare: pair A and B value by value (equal sizes)
          --alternative H       compare: two-sided (default), less or greater, for A relative to B
          --resamples N         compare --paired: bootstrap resamples (default 9999)
          --seed N              compare --paired: bootstrap seed (default 1)
          --claim S             verify-std: the claimed sd, in the units of the values (> 0)
          --test-size N         verify-std: test images behind each accuracy, for the binomial sd
          --unit U              verify-std: percent (default) or fraction, the units of the values

        example:
          atsbench stats verify-std --values 76.20,75.80,75.89,75.85,76.15 --claim 0.5 --test-size 10000
        """

    static func run(_ arguments: inout Arguments) throws {
        let action = try arguments.positional("describe, compare or verify-std")
        let format = try arguments.outputFormat()
        let level = try arguments.double("--level") ?? 0.95

        let table: OutputTable
        switch action {
        case "describe": table = try describe(&arguments, level: level)
        case "compare": table = try compare(&arguments, level: level)
        case "verify-std": table = try verifyStd(&arguments, level: level)
        default:
            throw CommandLineError.invalidValue(
                option: "atsbench stats", value: action, expected: "describe, compare or verify-std")
        }
        print(table.render(format))
    }

    // MARK: Subcommands

    private static func describe(_ arguments: inout Arguments, level: Double) throws -> OutputTable {
        let sources = try groupSources(&arguments)
        try arguments.finish()

        var table = OutputTable(columns: [
            "group", "n", "mean", "sd", "median", "iqr", "iqm", "min", "max",
            "mean_ci_lower", "mean_ci_upper", "sd_ci_lower", "sd_ci_upper",
        ])
        for source in sources {
            let group = try source.load()
            try labelErrors(of: group) {
                let summary = try Descriptive(group.sample)
                let meanInterval = try group.sample.meanInterval(level: level).interval
                let sdInterval = try group.sample.standardDeviationInterval(level: level).interval
                table.rows.append([
                    .text(group.label), .integer(summary.count), .number(summary.mean),
                    .number(summary.standardDeviation), .number(summary.median),
                    .number(summary.interquartileRange), .number(summary.interquartileMean),
                    .number(summary.minimum), .number(summary.maximum),
                    .number(meanInterval.lower), .number(meanInterval.upper),
                    .number(sdInterval.lower), .number(sdInterval.upper),
                ])
            }
        }
        return table
    }

    private static func verifyStd(_ arguments: inout Arguments, level: Double) throws -> OutputTable {
        let sources = try groupSources(&arguments)
        guard let claim = try arguments.double("--claim") else {
            throw CommandLineError.missingOption(command: "stats verify-std", option: "--claim")
        }
        // StdClaim rejects the claim too, but only once per group and without the option name.
        guard claim > 0 else {
            throw CommandLineError.invalidValue(
                option: "--claim", value: "\(claim)", expected: "a standard deviation greater than 0")
        }
        let testSetSize = try arguments.integer("--test-size")
        let accuracyScale = try parseAccuracyScale(&arguments)
        try arguments.finish()

        var table = OutputTable(columns: [
            "group", "n", "mean", "sd", "sd_ci_lower", "sd_ci_upper", "claim", "claim_inside",
            "runs_to_distinguish", "binomial_sd", "binomial_variance_share",
        ])
        for source in sources {
            let group = try source.load()
            try labelErrors(of: group) {
                let check = try StdClaim(
                    group.sample, claim: claim, level: level, testSetSize: testSetSize, accuracyScale: accuracyScale)
                let runs: OutputCell = check.runsToDistinguish.map { .integer($0) }
                    ?? .text("over \(StdClaim.maximumRuns)")
                table.rows.append([
                    .text(group.label), .integer(check.count), .number(check.mean),
                    .number(check.standardDeviation.value),
                    .number(check.standardDeviation.interval.lower), .number(check.standardDeviation.interval.upper),
                    .number(check.claim), .boolean(check.claimIsInside), runs,
                    check.binomialStandardDeviation.map { .number($0) } ?? .missing,
                    check.binomialVarianceShare.map { .number($0) } ?? .missing,
                ])
            }
        }
        return table
    }

    // MARK: Options

    /// Collects the groups named by `--values` and `--csv FILE --column NAME`, in that order.
    private static func groupSources(_ arguments: inout Arguments) throws -> [StatsGroupSource] {
        if let storePath = try arguments.value("--store") {
            return try StoreGroups.select(storePath: storePath, arguments: &arguments)
        }
        var lists: [String] = []
        while let list = try arguments.value("--values") {
            lists.append(list)
        }
        var sources = lists.enumerated().map { index, list in
            StatsGroupSource.list(label: lists.count == 1 ? "values" : "values \(index + 1)", text: list)
        }

        let path = try arguments.value("--csv")
        var columns: [String] = []
        while let column = try arguments.value("--column") {
            columns.append(column)
        }
        switch (path, columns.isEmpty) {
        case (nil, false):
            throw CommandLineError.missingOption(command: "stats", option: "--csv")
        case (.some, true):
            throw CommandLineError.missingOption(command: "stats", option: "--column")
        case (.some(let path), false):
            sources += columns.map { StatsGroupSource.csvColumn(path: path, column: $0) }
        case (nil, true):
            break
        }

        guard !sources.isEmpty else {
            throw CommandLineError.missingOption(command: "stats", option: "--values or --csv with --column")
        }
        return sources
    }

    private static func parseAccuracyScale(_ arguments: inout Arguments) throws -> Double {
        switch try arguments.value("--unit") {
        case nil, "percent": return 100
        case "fraction": return 1
        case let text?:
            throw CommandLineError.invalidValue(option: "--unit", value: text, expected: "percent or fraction")
        }
    }

    /// Runs `body`, prefixing a statistics error with the label of the group it concerns.
    static func labelErrors(of group: StatsGroup, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as StatisticsError {
            throw StatsInputError.invalidGroup(label: group.label, reason: error.description)
        }
    }
}
