/// index.html: verdicts first, then the tables, the charts, every trial and how to reproduce
/// the results. The page is self-contained: inline CSS, no script, no remote resource.
struct ReportPage {
    let input: ReportInput
    let configurations: [Configuration]
    let verdicts: Verdicts
    let seedSpread: SeedSpread
    let grids: [TemperatureGrid]
    let charts: [ReportChart]

    func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(HTML.escape(input.experimentName)) — atsbench report</title>\n"
        html += "<style>\n\(ReportPage.styleSheet)</style>\n</head>\n<body>\n<main>\n"
        html += header()
        html += verdictSection()
        html += tableSection()
        html += chartSection()
        html += trialSection()
        html += reproduceSection()
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private func header() -> String {
        var html = "<header>\n<h1>\(HTML.escape(input.experimentName))</h1>\n"
        if !input.description.isEmpty {
            html += "<p class=\"description\">\(HTML.escape(input.description))</p>\n"
        }
        var facts = ["Software: \(HTML.escape(input.softwareVersion))",
                     "spec SHA-256: <code>\(HTML.escape(input.specSHA256))</code>"]
        if let generatedAt = input.generatedAt {
            facts.append("generated \(HTML.escape(generatedAt))")
        }
        html += "<p class=\"meta\">" + facts.joined(separator: " · ") + "</p>\n"
        html += "<p class=\"meta\">Accuracies are test-set accuracies in percent; differences and standard "
            + "deviations are in percentage points (pp). Intervals are 95 % confidence intervals.</p>\n"
        return html + "</header>\n"
    }

    private func verdictSection() -> String {
        var html = "<section id=\"verdicts\">\n<h2>Verdicts</h2>\n"
        html += "<p>\(HTML.escape(exclusionSentence()))</p>\n"
        if let builds = buildsSentence() {
            html += "<p class=\"bad\">\(HTML.escape(builds))</p>\n"
        }
        html += "<h3>The paper's three claims in this study</h3>\n" + sentenceList(claimSentences())
        html += "<h3>ATS against TS, paired by seed</h3>\n" + sentenceList(verdicts.atsVersusTS.map(\.sentence))
        if !verdicts.teacherComparisons.isEmpty {
            html += "<h3>Teachers compared</h3>\n" + sentenceList(verdicts.teacherComparisons.map(\.sentence))
        } else {
            html += "<h3>Teachers compared</h3>\n"
                + sentenceList(["The report has \(NumberFormat.count(input.teachers.count, "teacher")), "
                    + "so no teacher can be compared with another."])
        }
        html += "<h3>Run-to-run spread of final accuracy</h3>\n" + sentenceList(seedSpread.sentences)
        html += verdictTable()
        return html + "</section>\n"
    }

    /// Names the trials left out of the statistics and why.
    func exclusionSentence() -> String {
        let excluded = input.runs.filter { $0.status != .done || $0.finalTestAccuracy == nil }
        guard !excluded.isEmpty else {
            return "All \(NumberFormat.count(input.runs.count, "trial")) finished and enter the statistics."
        }
        let listing = excluded.map { run -> String in
            let reason = run.statusReason.map { ": \($0)" } ?? ""
            return "\(run.trialID) (\(run.status.rawValue)\(reason))"
        }
        return "\(NumberFormat.count(excluded.count, "trial")) of \(input.runs.count) did not finish and "
            + "\(excluded.count == 1 ? "is" : "are") left out of every statistic: " + listing.joined(separator: "; ") + "."
    }

    /// Returns a warning when the trials ran on more than one build, or recorded only a version,
    /// which cannot tell builds apart. Returns nil when one identified build ran them all.
    func buildsSentence() -> String? {
        let builds = input.trialBuilds
        let listing = builds.map { "\($0.identifier) (\(NumberFormat.count($0.trials, "trial")))" }
            .joined(separator: ", ")
        let consequence = "Another build may sum floats in another order, which alone can move a run's "
            + "accuracy by tenths of a percentage point, so differences between runs of different builds "
            + "are not only the seeds' doing."
        if builds.count > 1 {
            return "The trials ran on \(builds.count) builds: \(listing). " + consequence
        }
        if let build = builds.first, !build.namesExecutable {
            return "The trials recorded only the version \(build.identifier), not their executable, so "
                + "whether they ran on one build is unknown. " + consequence
        }
        return nil
    }

    private func sentenceList(_ sentences: [String]) -> String {
        "<ul class=\"verdicts\">\n" + sentences.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
    }

    private func chartSection() -> String {
        guard !charts.isEmpty else {
            return "<section id=\"charts\">\n<h2>Charts</h2>\n<p>No chart: no run finished with epoch records "
                + "and no discriminability was given.</p>\n</section>\n"
        }
        var html = "<section id=\"charts\">\n<h2>Charts</h2>\n"
        for chart in charts {
            html += "<figure>\n<img src=\"\(HTML.escape(chart.fileName))\" alt=\"\(HTML.escape(chart.altText))\">\n"
            html += "<figcaption>\(HTML.escape(chart.title)). \(HTML.escape(chart.caption))</figcaption>\n</figure>\n"
        }
        return html + "</section>\n"
    }

    private func reproduceSection() -> String {
        var html = "<section id=\"reproduce\">\n<h2>How to reproduce</h2>\n"
        html += "<p>Run this command with the trials' build (below) on a machine with the same OpenBLAS "
            + "core:</p>\n"
        html += "<pre><code>\(HTML.escape(input.reproduceCommand))</code></pre>\n"

        let seeds = Set(input.runs.map(\.seeds.trial)).sorted().map(String.init)
        var rows: [[String]] = [
            [input.trialBuilds.count > 1 ? "builds of the trials" : "build of the trials",
             input.trialBuilds.isEmpty ? "not recorded" : input.trialBuilds.map { build in
                 HTML.escape(build.identifier) + " (\(NumberFormat.count(build.trials, "trial"))"
                     + (build.namesExecutable ? ")" : "; the executable was not recorded)")
             }.joined(separator: ", ")],
            ["software of this report", HTML.escape(input.softwareVersion)],
            ["OpenBLAS core", HTML.escape(input.openBLASCore)],
            ["spec SHA-256", "<code>\(HTML.escape(input.specSHA256))</code>"],
            ["trial seeds", seeds.isEmpty ? "none" : seeds.joined(separator: ", ")],
            ["test-set size", input.testSetSize.map { "\($0) images" } ?? "not given"],
        ]
        for name in input.dataChecksums.keys.sorted() {
            rows.append(["SHA-256 of \(HTML.escape(name))", "<code>\(HTML.escape(input.dataChecksums[name]!))</code>"])
        }
        for name in input.environment.keys.sorted() {
            rows.append([HTML.escape(name), HTML.escape(input.environment[name]!)])
        }
        html += HTML.table(caption: "Build, seeds, data and machine", header: ["item", "value"], rows: rows)
        if let builds = buildsSentence() {
            html += "<p class=\"bad\">\(HTML.escape(builds))</p>\n"
        }
        html += "<p>Files of this report: <a href=\"results.csv\">results.csv</a> (one row per trial), "
            + "<a href=\"spec.json\">spec.json</a> (the spec as run), "
            + "<a href=\"environment.json\">environment.json</a>.</p>\n"
        html += "<h3>Spec</h3>\n<pre class=\"spec\"><code>\(HTML.escape(input.specJSON))</code></pre>\n"
        return html + "</section>\n"
    }
}
