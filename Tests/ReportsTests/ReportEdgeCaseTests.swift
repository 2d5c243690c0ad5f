import Foundation
import Reports
import Testing

/// One teacher with TS students only, one seed each: nothing can be tested.
private var singleSeedInput: ReportInput {
    var input = SampleReport.input
    input.teachers = [SampleReport.teachers[0]]
    input.runs = SampleReport.runs.filter {
        ($0.trialID.hasPrefix("small-ts") || $0.trialID.hasPrefix("teacher-small")) && $0.seeds.trial == 1
    }
    input.discriminability = []
    return input
}

@Test func singleSeedReportSaysNoIntervals() throws {
    let directory = try SampleReport.temporaryDirectory("single-seed")
    try ReportWriter.write(singleSeedInput, to: directory)
    let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)

    #expect(html.contains("There are no finished ATS 4/2 students of the small teacher (ResNet14), "
        + "so ATS cannot be compared with TS for this teacher."))
    #expect(html.contains("The report has 1 teacher, so no teacher can be compared with another."))
    #expect(html.contains("No configuration has two finished runs, so no standard deviation and no interval "
        + "can be estimated, and the claimed 0.50 pp cannot be checked."))
    #expect(html.contains("71.05 (one run: no interval)"))
    #expect(html.contains("All 2 trials finished and enter the statistics."))
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("discriminability.png").path))
}

@Test func onePairGivesNoTest() throws {
    var input = SampleReport.input
    input.runs = SampleReport.runs.filter { $0.trialID.hasPrefix("small-") && $0.seeds.trial == 1 }
    let directory = try SampleReport.temporaryDirectory("one-pair")
    try ReportWriter.write(input, to: directory)
    let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
    // ATS 71.50 % - TS 71.05 % on seed 1.
    #expect(html.contains("Only one seed pair finished: ATS − TS = 0.45 pp; one pair gives no interval and no test."))
}

@Test func unwritableFolderNamesThePath() throws {
    let parent = try SampleReport.temporaryDirectory("unwritable")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let blocker = parent.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let target = blocker.appendingPathComponent("report")

    do {
        try ReportWriter.write(singleSeedInput, to: target)
        Issue.record("writing under a regular file succeeded")
    } catch let error as ReportError {
        guard case .writeFailed(let path, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(path == target.path)
        #expect(error.description.contains(target.path))
    }
}

@Test func outputThatIsAFileIsNamed() throws {
    let parent = try SampleReport.temporaryDirectory("out-is-file")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let file = parent.appendingPathComponent("report.html")
    try Data("x".utf8).write(to: file)

    #expect(throws: ReportError.writeFailed(path: file.path, reason: "a file is there, not a folder")) {
        try ReportWriter.write(singleSeedInput, to: file)
    }
    #expect(try Data(contentsOf: file) == Data("x".utf8), "the file must be left as it was")
}

@Test func accuracyAboveOneIsRejected() throws {
    var input = SampleReport.input
    input.runs[2].finalTestAccuracy = 70.43
    let directory = try SampleReport.temporaryDirectory("invalid-accuracy")
    #expect(throws: ReportError.invalidInput(
        field: "runs[2].finalTestAccuracy", reason: "70.43 is not a fraction between 0 and 1")) {
        try ReportWriter.write(input, to: directory)
    }
}

@Test func unpairedSingleRunGivesNoWelchTest() throws {
    var input = SampleReport.input
    // Under TS the large teacher keeps only seed 3 and the small one seeds 1 and 2, so no run pairs.
    input.runs = SampleReport.runs.filter {
        ($0.trialID.hasPrefix("large-ts") && $0.seeds.trial == 3)
            || ($0.trialID.hasPrefix("small-ts") && $0.seeds.trial != 3)
    }
    let directory = try SampleReport.temporaryDirectory("welch-too-small")
    try ReportWriter.write(input, to: directory)
    let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
    // Large 70.68 % against the small mean (71.05 + 70.81) / 2 = 70.93 %.
    #expect(html.contains("<li>The large teacher (ResNet110) under TS has 1 finished run and the small teacher "
        + "(ResNet14) 2, which do not pair by seed; Welch&#39;s test needs at least two in each, so there is no "
        + "test. The means differ by −0.25 pp (large − small).</li>"))
}

@Test func trialsOfTwoBuildsAreFlagged() throws {
    var input = SampleReport.input
    input.trialBuilds = [ReportBuild(identifier: "0.1.0+exe.0123456789ab", trials: 14),
                         ReportBuild(identifier: "0.1.0+exe.ba9876543210", trials: 3)]
    let directory = try SampleReport.temporaryDirectory("two-builds")
    try ReportWriter.write(input, to: directory)
    let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
    let environment = try String(contentsOf: directory.appendingPathComponent("environment.json"), encoding: .utf8)

    #expect(html.contains("<td>builds of the trials</td><td>0.1.0+exe.0123456789ab (14 trials), "
        + "0.1.0+exe.ba9876543210 (3 trials)</td>"))
    #expect(html.contains("The trials ran on 2 builds: 0.1.0+exe.0123456789ab (14 trials), "
        + "0.1.0+exe.ba9876543210 (3 trials)."))
    #expect(environment.contains("\"identifier\" : \"0.1.0+exe.ba9876543210\""))
}

@Test func trialsOfOneBuildAreNotFlagged() throws {
    var input = SampleReport.input
    input.trialBuilds = [ReportBuild(identifier: "0.1.0+exe.0123456789ab", trials: 17)]
    let directory = try SampleReport.temporaryDirectory("one-build")
    try ReportWriter.write(input, to: directory)
    let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)

    #expect(html.contains("<td>build of the trials</td><td>0.1.0+exe.0123456789ab (17 trials)</td>"))
    #expect(!html.contains("Another build may sum floats"))
}

@Test func trialsWithVersionOnlyAreFlagged() throws {
    var input = SampleReport.input
    input.trialBuilds = [ReportBuild(identifier: "0.1.0", trials: 17)]
    let directory = try SampleReport.temporaryDirectory("version-only")
    try ReportWriter.write(input, to: directory)
    let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)

    #expect(html.contains("<td>0.1.0 (17 trials; the executable was not recorded)</td>"))
    #expect(html.contains("The trials recorded only the version 0.1.0, not their executable, so whether "
        + "they ran on one build is unknown."))
}
