import Foundation
import Reports
import Testing

// Expected numbers come from ReferenceScripts/reference_values.py (SciPy 1.17.1) on the
// accuracies of SampleReport. They are formatted as the page formats them: two decimals,
// and p-values with two significant digits. The script's output is reference_values.txt.

/// Writes the sample report into a fresh folder and returns the folder.
private func writeSample(_ name: String, input: ReportInput = SampleReport.input) throws -> URL {
    let directory = try SampleReport.temporaryDirectory(name)
    try ReportWriter.write(input, to: directory)
    return directory
}

private func page(in directory: URL) throws -> String {
    try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
}

/// Returns the texts of the page's list items, so that a failed check prints the sentences,
/// not the page.
private func listItems(_ html: String) -> [String] {
    html.components(separatedBy: "<li>").dropFirst().map { String($0.prefix { $0 != "<" }) }
}

/// Returns the page's table rows as written, one string per row.
private func tableRows(_ html: String) -> [String] {
    html.components(separatedBy: "\n").filter { $0.hasPrefix("<tr>") }
}

@Test func reportFolderHasEveryFile() throws {
    let directory = try writeSample("files")
    let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let charts = [
        "final-accuracy.png", "learning-curves-teachers.png", "learning-curves-students-small.png",
        "learning-curves-students-large.png", "discriminability.png", "derived-sigma-histogram.png",
        "temperature-grid-large.png",
    ]
    for name in ["index.html", "results.csv", "spec.json", "environment.json"] + charts {
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name)")
    }
    for name in charts {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        #expect(Array(bytes.prefix(8)) == pngSignature, "\(name)")
        #expect(try page(in: directory).contains("<img src=\"\(name)\""), "\(name)")
    }
    let spec = try String(contentsOf: directory.appendingPathComponent("spec.json"), encoding: .utf8)
    #expect(spec == SampleReport.input.specJSON)
}

@Test func atsVersusTSSentencesMatchSciPy() throws {
    let items = listItems(try page(in: writeSample("ats-versus-ts")))
    // ttest_rel: small diff 0.38667, CI 0.22504 to 0.54829, p 0.0093066.
    #expect(items.contains("ATS improved the students of the small teacher (ResNet14) over TS by 0.39 pp "
        + "(95 % CI 0.23 to 0.55 pp, paired t p = 0.0093, n = 3 pairs)."))
    // ttest_rel on seeds 1 and 2: diff 1.12, CI 0.61175 to 1.62825, p 0.022727.
    #expect(items.contains("ATS improved the students of the large teacher (ResNet110) over TS by 1.12 pp "
        + "(95 % CI 0.61 to 1.63 pp, paired t p = 0.023, n = 2 pairs). 1 run without a seed partner is left out."))
}

@Test func teacherSentencesMatchSciPy() throws {
    let items = listItems(try page(in: writeSample("teachers")))
    // ttest_rel large - small under TS: diff -0.66, CI -0.91935 to -0.40065, p 0.0082381.
    #expect(items.contains("Under TS τ 4, the students of the large teacher (ResNet110) scored 0.66 pp below "
        + "those of the small teacher (ResNet14) (95 % CI −0.92 to −0.40 pp, paired t p = 0.0082, n = 3 pairs)."))
    // ttest_ind(equal_var=False) under ATS: diff -0.083333, CI -0.62473 to 0.45806, p 0.64392.
    #expect(items.contains("Under ATS 4/2, the students of the large teacher (ResNet110) and of the small "
        + "teacher (ResNet14) did not differ detectably: large − small = −0.08 pp (95 % CI −0.62 to 0.46 pp, "
        + "Welch t p = 0.64, n = 2 and 3 runs). The seeds do not pair, so the test is Welch&#39;s."))
}

@Test func holmColumnMatchesSciPy() throws {
    let html = try page(in: writeSample("holm"))
    let rows = tableRows(html)
    // Holm over the four p-values: 0.032952, 0.045454, 0.032952, 0.64392.
    #expect(rows.contains { $0.contains("<td>paired t</td><td>0.0093</td><td>0.033</td>") })
    #expect(rows.contains { $0.contains("<td>paired t</td><td>0.023</td><td>0.045</td>") })
    #expect(rows.contains { $0.contains("<td>paired t</td><td>0.0082</td><td>0.033</td>") })
    #expect(rows.contains { $0.contains("<td>Welch t</td><td>0.64</td><td>0.64</td>") })
    #expect(html.contains("Holm's correction covers all 4 tests"))
}

@Test func seedSpreadSentencesMatchSciPy() throws {
    let html = try page(in: writeSample("seed-spread"))
    let items = listItems(html)
    // Pooled sd over 8 groups, df 14: s 0.23690, chi-square CI 0.17344 to 0.37362; binomial sd
    // at 70.9191 % on 10000 images 0.45414, 3.675 times s^2.
    #expect(items.contains("Pooled over 8 configurations (22 finished runs, 14 degrees of freedom), the run-to-run "
        + "standard deviation of final accuracy is s = 0.24 pp (95 % CI 0.17 to 0.37 pp)."))
    #expect(items.contains("The claimed 0.50 pp lies outside this interval: the runs vary less than claimed."))
    #expect(items.contains("Per-image chance alone, the binomial sd of an accuracy of 70.92 % on 10000 test images "
        + "if every image were right or wrong independently in each run, is 0.45 pp, 367 % of s². The runs vary no "
        + "more than that chance alone would make them."))
    // Small TS alone: s 0.20599, CI 0.10725 to 1.29461, 7 runs to tell 0.5 apart.
    #expect(tableRows(html).contains { $0.contains("<td>small (ResNet14) → VGG8, TS τ 4</td><td>3</td><td>71.03</td><td>0.21</td>"
        + "<td>0.11 to 1.29</td><td>yes</td><td>7</td>") })
}

@Test func divergedRunIsListedAndExcluded() throws {
    let html = try page(in: writeSample("diverged"))
    #expect(html.contains("<p>1 trial of 24 did not finish and is left out of every statistic: "
        + "large-ats-3 (diverged: loss was NaN at epoch 4)."))
    #expect(html.contains("<span class=\"bad\">diverged: loss was NaN at epoch 4</span>"))
    // Seeds 1 and 2: mean 71.33, sd 0.098995, t interval 70.44 to 72.22.
    #expect(tableRows(html).contains {
        $0.contains("<td>large (ResNet110) → VGG8, ATS 4/2</td><td>71.33 (70.44 to 72.22)</td>"
            + "<td>0.10</td><td>2 (+1 left out)</td>")
    })
}

@Test func userStringsAreEscaped() throws {
    var input = SampleReport.input
    input.experimentName = "Demo <script>alert(\"name\")</script>"
    input.description = "Tom's \"quoted\" run & <b>bold</b>"
    input.teachers[1].model = "Res<Net>110"
    input.environment["<img src=x>"] = "\"value\" & 'more'"
    input.runs[0].trialID = "id<script>"
    let html = try page(in: writeSample("escaping", input: input))

    #expect(!html.contains("<script"))
    #expect(!html.contains("<b>bold"))
    #expect(!html.contains("<img src=x>"))
    #expect(html.contains("<h1>Demo &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;</h1>"))
    #expect(html.contains("Tom&#39;s &quot;quoted&quot; run &amp; &lt;b&gt;bold&lt;/b&gt;"))
    #expect(html.contains("the large teacher (Res&lt;Net&gt;110)"))
    #expect(html.contains("<td>&lt;img src=x&gt;</td><td>&quot;value&quot; &amp; &#39;more&#39;</td>"))
    #expect(html.contains("<code>id&lt;script&gt;</code>"))
}

@Test func everyImageHasAltText() throws {
    let html = try page(in: writeSample("alt-text"))
    let images = html.components(separatedBy: "<img ").dropFirst()
    #expect(images.count == 7)
    for image in images {
        let tag = image.prefix { $0 != ">" }
        let alt = tag.components(separatedBy: "alt=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
        #expect(alt.count > 40, "\(tag)")
    }
    #expect(html.contains("large (ResNet110) → VGG8, TS τ 4: mean 70.37 % over 3"))
}

@Test func pageIsSelfContainedAndPrintable() throws {
    let html = try page(in: writeSample("self-contained"))
    #expect(!html.contains("http://"))
    #expect(!html.contains("https://"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    #expect(html.contains("@media print"))
}

@Test func resultsCSVHasOneRowPerTrial() throws {
    let directory = try writeSample("csv")
    let text = try String(contentsOf: directory.appendingPathComponent("results.csv"), encoding: .utf8)
    let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.count == 1 + SampleReport.runs.count)
    #expect(lines[0] == "trial_id,role,teacher,model,method,tau,tp_tau,t_tau,seed,init_seed,order_seed,"
        + "augment_seed,status,status_reason,final_test_accuracy,best_test_accuracy,best_epoch,last_epoch,"
        + "wall_seconds,epoch_count")
    #expect(lines.contains("small-ts-2,student,small,VGG8,TS,4.0,,,2,2,2,2,done,,0.7081,0.7081,5,5,103.0,5"))
    #expect(lines.contains("large-ats-3,student,large,VGG8,ATS,,4.0,2.0,3,3,3,3,diverged,loss was NaN at epoch 4,"
        + ",,,3,104.5,3"))
}

@Test func csvQuotesCommasAndQuotes() throws {
    var input = SampleReport.input
    input.runs[0].statusReason = "stopped, \"by hand\""
    let directory = try writeSample("csv-quoting", input: input)
    let text = try String(contentsOf: directory.appendingPathComponent("results.csv"), encoding: .utf8)
    #expect(text.contains(",\"stopped, \"\"by hand\"\"\","))
}

@Test func environmentJSONHasSortedEntries() throws {
    let directory = try writeSample("environment")
    let data = try Data(contentsOf: directory.appendingPathComponent("environment.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["openblas_core"] as? String == "Haswell")
    #expect(object["software"] as? String == "atsbench 0.4.0-test")
    #expect((object["data_checksums"] as? [String: String])?["train-images-idx3-ubyte"] == "bb22")
    #expect((object["environment"] as? [String: String])?["cores"] == "2")
}

@Test func sameInputGivesSameBytes() throws {
    let first = try writeSample("determinism-1")
    let second = try writeSample("determinism-2")
    let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
    #expect(names == (try FileManager.default.contentsOfDirectory(atPath: second.path).sorted()))
    for name in names {
        let a = try Data(contentsOf: first.appendingPathComponent(name))
        let b = try Data(contentsOf: second.appendingPathComponent(name))
        #expect(a == b, "\(name)")
    }
}

@Test func rewriteOverwritesOlderReport() throws {
    let directory = try writeSample("overwrite")
    var input = SampleReport.input
    input.experimentName = "Second report"
    try ReportWriter.write(input, to: directory)
    #expect(try page(in: directory).contains("<h1>Second report</h1>"))
}

@Test func rewriteDeletesChartsNoLongerDrawn() throws {
    let directory = try writeSample("stale-charts")
    let notes = directory.appendingPathComponent("notes.png")
    try Data("kept".utf8).write(to: notes)
    var input = SampleReport.input
    input.discriminability = []
    try ReportWriter.write(input, to: directory)

    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("discriminability.png").path))
    #expect(!FileManager.default.fileExists(
        atPath: directory.appendingPathComponent("derived-sigma-histogram.png").path))
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("final-accuracy.png").path))
    #expect(FileManager.default.fileExists(atPath: notes.path))
}

@Test func claimSentencesFollowTheIntervals() throws {
    let items = listItems(try page(in: writeSample("claims")))
    // The same SciPy numbers as the teacher and ATS sentences above: under TS the large teacher's
    // students are 0.66 pp lower (interval below zero); ATS helps both teachers (intervals above zero).
    #expect(items.contains("Larger teacher worse under TS: yes in this study; its students scored 0.66 pp lower "
        + "(95 % CI −0.92 to −0.40 pp, paired t p = 0.0082, n = 3 pairs)."))
    #expect(items.contains("ATS helps (small (ResNet14)): yes; ATS students scored 0.39 pp above TS "
        + "(95 % CI 0.23 to 0.55 pp, paired t p = 0.0093, n = 3 pairs)."))
    #expect(items.contains { $0.hasPrefix("Seed spread about 0.50 pp: ") })
}
