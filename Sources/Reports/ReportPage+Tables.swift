import Foundation
import Statistics

extension ReportPage {
    /// Builds the table of every test behind the verdict sentences, with Holm's correction
    /// over all of them.
    func verdictTable() -> String {
        let comparisons = (verdicts.atsVersusTS + verdicts.teacherComparisons).filter { $0.test != nil }
        guard !comparisons.isEmpty else { return "" }
        let rows = comparisons.map { comparison -> [String] in
            let test = comparison.test!
            return [
                HTML.escape(comparison.title), number(test.difference),
                "\(number(test.interval.lower)) to \(number(test.interval.upper))", test.kind.rawValue,
                pValue(test.pValue), test.holmPValue.map(pValue) ?? "—",
                test.wilcoxonPValue.map(pValue) ?? (test.kind == .paired ? "fewer than 6 pairs" : "—"),
                HTML.escape(test.sizeText),
            ]
        }
        let caption = "Tests behind the verdicts; Holm's correction covers all "
            + "\(NumberFormat.count(verdicts.testCount, "test")) of this report"
        return HTML.table(
            caption: caption,
            header: ["comparison", "difference (pp)", "95 % CI (pp)", "test", "p", "Holm p", "Wilcoxon p", "n"],
            rows: rows, className: "numeric")
    }

    func tableSection() -> String {
        var html = "<section id=\"tables\">\n<h2>Tables</h2>\n"
        html += configurationTable()
        html += seedSpreadTable()
        for grid in grids {
            html += gridTable(grid)
        }
        html += discriminabilityTable()
        html += trainedDiscriminabilityTable()
        return html + "</section>\n"
    }

    private func configurationTable() -> String {
        let rows = configurations.map { configuration -> [String] in
            let finished = configuration.finishedRuns
            let finals = finished.compactMap(\.finalTestAccuracy).map { $0 * 100 }
            let bests = finished.compactMap(\.bestTestAccuracy).map { $0 * 100 }
            var meanText = "—"
            var sdText = "—"
            if let sample = try? Sample(finals) {
                meanText = number(sample.mean)
                if let estimate = try? sample.meanInterval() {
                    meanText += " (\(number(estimate.interval.lower)) to \(number(estimate.interval.upper)))"
                    sdText = number((try? sample.standardDeviation()) ?? .nan)
                } else {
                    meanText += " (one run: no interval)"
                }
            }
            let excluded = configuration.runs.count - finished.count
            return [
                HTML.escape(configuration.name), meanText, sdText,
                "\(finished.count)" + (excluded > 0 ? " (+\(excluded) left out)" : ""),
                (try? Sample(bests)).map { number($0.mean) } ?? "—",
                range(finished.compactMap(\.bestEpoch)), range(finished.compactMap(\.lastEpoch)),
            ]
        }
        return HTML.table(
            caption: "Final test accuracy per configuration (finished runs only)",
            header: ["configuration", "mean final accuracy (%) with 95 % CI", "sd (pp)", "n runs",
                     "mean best accuracy (%)", "best epoch", "last epoch"],
            rows: rows, className: "numeric")
    }

    private func seedSpreadTable() -> String {
        guard !seedSpread.rows.isEmpty else { return "" }
        var rows = seedSpread.rows.map { spreadCells(name: HTML.escape($0.configuration), claim: $0.claim) }
        if let pooled = seedSpread.pooled, seedSpread.rows.count > 1 {
            rows.append(spreadCells(name: "<strong>pooled</strong>", claim: pooled))
        }
        return HTML.table(
            caption: "Run-to-run standard deviation of final accuracy against the claimed "
                + "\(number(input.accuracyClaimSD)) pp (chi-square intervals)",
            header: ["configuration", "n runs", "mean (%)", "s (pp)", "95 % CI of s (pp)",
                     "claim inside?", "runs to tell apart", "per-image chance sd (pp)", "chance share of s²"],
            rows: rows, className: "numeric")
    }

    private func spreadCells(name: String, claim: StdClaim) -> [String] {
        let s = claim.standardDeviation
        return [
            name, "\(claim.count)", number(claim.mean), number(s.value),
            "\(number(s.interval.lower)) to \(number(s.interval.upper))", claim.claimIsInside ? "yes" : "no",
            runsToDistinguishText(claim),
            claim.binomialStandardDeviation.map { number($0) } ?? "—",
            claim.binomialVarianceShare.map { NumberFormat.signed($0 * 100, digits: 0) + " %" } ?? "—",
        ]
    }

    /// Formats the run count that would separate s from the claim. The count matters only
    /// while the claim is inside the interval; otherwise the runs already separate them.
    private func runsToDistinguishText(_ claim: StdClaim) -> String {
        guard claim.claimIsInside else { return "already apart" }
        return claim.runsToDistinguish.map(String.init) ?? "more than \(StdClaim.maximumRuns)"
    }

    private func gridTable(_ grid: TemperatureGrid) -> String {
        let rows = grid.tpTaus.enumerated().map { row, tp -> [String] in
            ["<strong>\(NumberFormat.temperature(tp))</strong>"] + grid.cells[row].map { cell in
                guard let cell else { return "—" }
                let interval = cell.runCount >= 2
                    ? "<br><span class=\"interval\">\(number(cell.lower)) to \(number(cell.upper))</span>" : ""
                return "\(number(cell.mean))\(interval)<br><span class=\"interval\">n = \(cell.runCount)</span>"
            }
        }
        return HTML.table(
            caption: "Mean final accuracy (%) of the ATS students of "
                + "\(HTML.escape(TeacherName.inSentence(grid.teacher))): rows tp_tau, columns t_tau",
            header: ["tp_tau \\ t_tau"] + grid.tTaus.map(NumberFormat.temperature),
            rows: rows, className: "numeric grid")
    }

    private func discriminabilityTable() -> String {
        var rows: [[String]] = []
        for row in input.discriminability {
            for point in row.points {
                rows.append([
                    HTML.escape(chartsPanelTitle(row)), NumberFormat.temperature(point.temperature),
                    intervalText(point.derivedAverage), intervalText(point.derivedSigma),
                ])
            }
        }
        guard !rows.isEmpty else { return "" }
        return HTML.table(
            caption: input.discriminability.contains { $0.trueRatio != nil }
                ? "Class discriminability of the teachers (probabilities; ATS rows scale tp_tau and t_tau with τ as "
                    + "named, so they need not contain the trained pair)"
                : "Class discriminability of the teachers (probabilities; τ is t_tau for ATS)",
            header: ["teacher, scaling", "τ", "derived average e(q) with 95 % CI", "derived sigma σ(q) with 95 % CI"],
            rows: rows, className: "numeric")
    }

    private func trainedDiscriminabilityTable() -> String {
        let rows = input.trainedDiscriminability.map { row -> [String] in
            let teacher = input.teachers.first { $0.label == row.teacherLabel }.map(TeacherName.short) ?? row.teacherLabel
            return [
                HTML.escape(teacher), HTML.escape(Self.methodText(row)), NumberFormat.temperature(row.tpTau),
                NumberFormat.temperature(row.tTau), intervalText(row.derivedAverage), intervalText(row.derivedSigma),
                "\(row.sampleCount)",
            ]
        }
        var html = ""
        if !rows.isEmpty {
            html += HTML.table(
                caption: "Class discriminability of the teachers at the temperatures their students were trained "
                    + "with (probabilities; recomputed from each teacher's checkpoint on the test split; intervals over "
                    + "the test samples of one teacher run)",
                header: ["teacher", "method", "tp_tau", "t_tau", "derived average e(q) with 95 % CI",
                         "derived sigma σ(q) with 95 % CI", "test samples"],
                rows: rows, className: "numeric")
        }
        for note in input.trainedDiscriminabilityNotes {
            html += "<p>\(HTML.escape(note))</p>\n"
        }
        return html
    }

    /// Returns "TS τ 4" or "ATS 4/2" for a row at trained temperatures.
    static func methodText(_ row: ReportTrainedDiscriminability) -> String {
        Configuration.methodDescription(method: row.method, tau: row.tpTau, tpTau: row.tpTau, tTau: row.tTau)
    }

    private func chartsPanelTitle(_ row: ReportDiscriminability) -> String {
        ReportCharts(input: input, configurations: configurations).panelTitle(row)
    }

    func trialSection() -> String {
        let rows = input.runs.map { run -> [String] in
            let status = run.statusReason.map { "\(run.status.rawValue): \($0)" } ?? run.status.rawValue
            let seeds = run.seeds
            let seedText = seeds == ReportSeeds(trial: seeds.trial)
                ? "\(seeds.trial)" : "\(seeds.trial) (init \(seeds.initialization), order \(seeds.order), "
                    + "augment \(seeds.augmentation))"
            return [
                "<code>\(HTML.escape(run.trialID))</code>", run.role.rawValue, HTML.escape(run.teacherLabel ?? "—"),
                HTML.escape(run.model),
                HTML.escape(Configuration.methodDescription(
                    method: run.method, tau: run.tau, tpTau: run.tpTau, tTau: run.tTau)),
                seedText, run.status == .done ? status : "<span class=\"bad\">\(HTML.escape(status))</span>",
                run.finalTestAccuracy.map { number($0 * 100) } ?? "—",
                run.bestTestAccuracy.map { number($0 * 100) } ?? "—",
                run.bestEpoch.map(String.init) ?? "—", run.lastEpoch.map(String.init) ?? "—",
                NumberFormat.signed(run.wallSeconds, digits: 1),
            ]
        }
        let table = HTML.table(
            caption: "Every trial, in the order of the result store",
            header: ["trial", "role", "teacher", "model", "method", "seed", "status", "final accuracy (%)",
                     "best accuracy (%)", "best epoch", "last epoch", "wall time (s)"],
            rows: rows, className: "numeric trials")
        return "<section id=\"trials\">\n<h2>Trials</h2>\n<div class=\"wide\">\n\(table)</div>\n</section>\n"
    }

    private func number(_ value: Double) -> String {
        NumberFormat.signed(value)
    }

    private func pValue(_ p: Double) -> String {
        p < 0.001 ? "&lt; 0.001" : String(NumberFormat.pValue(p).dropFirst(2))
    }

    /// Probabilities of discriminability are small, so they get four significant digits.
    private func intervalText(_ interval: ReportInterval) -> String {
        let format = NumberFormat.probability
        return "\(format(interval.value)) (\(format(interval.lower)) to \(format(interval.upper)))"
    }

    /// "240", or "200–240" when the values differ; "—" for none.
    private func range(_ values: [Int]) -> String {
        guard let low = values.min(), let high = values.max() else { return "—" }
        return low == high ? "\(low)" : "\(low)–\(high)"
    }
}
