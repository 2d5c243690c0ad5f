import Foundation
import TrainingCore

/// Writes a report folder: index.html, one PNG per chart, results.csv, spec.json and
/// environment.json. The same input always gives the same bytes.
public enum ReportWriter {
    /// Writes the report of `input` into `directory`, creating the folder if needed and
    /// overwriting the files of an older report there. Chart PNGs of an older report that
    /// this one does not draw are deleted; other files in the folder are left alone.
    ///
    /// Throws `ReportError.invalidInput` for an accuracy outside [0, 1] or a repeated
    /// teacher label, `chartFailed` when a chart cannot be drawn, and `writeFailed` with the
    /// path when a file cannot be written.
    public static func write(_ input: ReportInput, to directory: URL) throws {
        try validate(input)

        let configurations = Configuration.group(input.runs, teachers: input.teachers)
        let charts = try ReportCharts(input: input, configurations: configurations).renderAll()
        let page = ReportPage(
            input: input, configurations: configurations,
            verdicts: Verdicts(input: input, configurations: configurations),
            seedSpread: SeedSpread(
                configurations: configurations, claim: input.accuracyClaimSD, testSetSize: input.testSetSize),
            grids: TemperatureGrid.grids(teachers: input.teachers, configurations: configurations),
            charts: charts)

        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ReportError.writeFailed(path: directory.path, reason: "a file is there, not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: directory.path, reason: ErrorText.describe(error))
        }
        try write(Data(page.render().utf8), to: directory.appendingPathComponent("index.html"))
        for chart in charts {
            try write(Data(chart.png), to: directory.appendingPathComponent(chart.fileName))
        }
        try removeStaleCharts(in: directory, keeping: Set(charts.map(\.fileName)))
        try write(Data(ResultsCSV.render(input.runs).utf8), to: directory.appendingPathComponent("results.csv"))
        try write(Data(input.specJSON.utf8), to: directory.appendingPathComponent("spec.json"))
        try write(EnvironmentJSON.render(input), to: directory.appendingPathComponent("environment.json"))
    }

    /// Deletes the PNGs with a chart file-name prefix that the new report did not write.
    private static func removeStaleCharts(in directory: URL, keeping current: Set<String>) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ReportError.writeFailed(path: directory.path, reason: ErrorText.describe(error))
        }
        for name in names.sorted() where name.hasSuffix(".png") && !current.contains(name)
            && ReportCharts.fileNamePrefixes.contains(where: { name.hasPrefix($0) }) {
            let file = directory.appendingPathComponent(name)
            do {
                try FileManager.default.removeItem(at: file)
            } catch {
                throw ReportError.writeFailed(path: file.path, reason: ErrorText.describe(error))
            }
        }
    }

    private static func write(_ data: Data, to file: URL) throws {
        do {
            try data.write(to: file, options: .atomic)
        } catch {
            throw ReportError.writeFailed(path: file.path, reason: ErrorText.describe(error))
        }
    }

    private static func validate(_ input: ReportInput) throws {
        guard input.accuracyClaimSD > 0, input.accuracyClaimSD.isFinite else {
            throw ReportError.invalidInput(
                field: "accuracyClaimSD", reason: "\(input.accuracyClaimSD) is not a positive number of percentage points")
        }
        if let size = input.testSetSize, size < 1 {
            throw ReportError.invalidInput(field: "testSetSize", reason: "\(size) is not a positive number of images")
        }
        var labels: Set<String> = []
        for (index, teacher) in input.teachers.enumerated() {
            guard labels.insert(teacher.label).inserted else {
                throw ReportError.invalidInput(
                    field: "teachers[\(index)].label", reason: "\"\(teacher.label)\" is used by an earlier teacher")
            }
        }
        for (index, run) in input.runs.enumerated() {
            try validateAccuracy(run.finalTestAccuracy, field: "runs[\(index)].finalTestAccuracy")
            try validateAccuracy(run.bestTestAccuracy, field: "runs[\(index)].bestTestAccuracy")
            for (epochIndex, epoch) in run.epochs.enumerated() {
                try validateAccuracy(epoch.testAccuracy, field: "runs[\(index)].epochs[\(epochIndex)].testAccuracy")
            }
        }
    }

    private static func validateAccuracy(_ value: Double?, field: String) throws {
        guard let value else { return }
        guard value.isFinite, (0...1).contains(value) else {
            throw ReportError.invalidInput(field: field, reason: "\(value) is not a fraction between 0 and 1")
        }
    }
}
