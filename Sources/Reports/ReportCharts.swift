import Plotting

/// Builds every chart of a report from its input and configurations.
struct ReportCharts {
    let input: ReportInput
    let configurations: [Configuration]
    let metadata: ChartMetadata

    init(input: ReportInput, configurations: [Configuration]) {
        self.input = input
        self.configurations = configurations
        metadata = ChartMetadata(software: input.softwareVersion, specHash: input.specSHA256)
    }

    /// The starts of every chart file name, which mark the PNGs that a new report replaces.
    static let fileNamePrefixes = [
        "final-accuracy", "learning-curves-", "discriminability", "derived-sigma-histogram", "temperature-grid-",
    ]

    /// File-name fragments of the teachers, unique even when two labels slug alike.
    var teacherSlugs: [String] {
        var used: Set<String> = []
        var slugs: [String] = []
        for (index, teacher) in input.teachers.enumerated() {
            var slug = ChartMath.slug(teacher.label)
            if slug.isEmpty || used.contains(slug) {
                slug = "teacher-\(index + 1)" + (slug.isEmpty ? "" : "-" + slug)
            }
            used.insert(slug)
            slugs.append(slug)
        }
        return slugs
    }

    /// Renders the final-accuracy dot plot, the learning curves, the discriminability panels, the
    /// sigma histogram and the temperature grids, each when there is data for it.
    func renderAll() throws -> [ReportChart] {
        var charts: [ReportChart] = []
        if let chart = try finalAccuracy() {
            charts.append(chart)
        }
        charts += try learningCurves()
        if let chart = try discriminability() {
            charts.append(chart)
        }
        if let chart = try sigmaHistogram() {
            charts.append(chart)
        }
        charts += try temperatureGrids()
        return charts
    }

    private func finalAccuracy() throws -> ReportChart? {
        var groups: [DotPlotGroup] = []
        for configuration in configurations where configuration.role == .student {
            let values = configuration.finishedRuns.compactMap(\.finalTestAccuracy).map { $0 * 100 }
            guard let summary = ChartMath.meanInterval(values) else { continue }
            groups.append(DotPlotGroup(name: configuration.name, values: values, mean: summary.mean,
                                       lower: summary.lower, upper: summary.upper))
        }
        guard !groups.isEmpty else { return nil }

        let chart = DotPlotChart(title: "Final test accuracy of the students", xLabel: "configuration",
                                 yLabel: "final test accuracy (%)", groups: groups,
                                 size: ChartSize(width: max(720, 150 * Double(groups.count)), height: 450))
        let listing = groups.map { "\($0.name): mean \(NumberFormat.signed($0.mean)) % over \($0.values.count)" }
        let alt = "Dot plot of the final test accuracy in percent, one dot per finished run, with the mean "
            + "and its 95 % interval per student configuration. " + listing.joined(separator: "; ") + "."
        return try ReportChart.render(
            chart, fileName: "final-accuracy.png", altText: alt,
            caption: "One dot per finished run; the bar right of the dots is the mean with its 95 % t interval.",
            metadata: metadata)
    }

    private func learningCurves() throws -> [ReportChart] {
        var charts: [ReportChart] = []
        let teacherConfigurations = configurations.filter { $0.role == .teacher }
        if let chart = try learningCurve(
            of: teacherConfigurations, title: "Test accuracy of the teachers during training",
            fileName: "learning-curves-teachers.png", subject: "the teachers") {
            charts.append(chart)
        }
        for (teacher, slug) in zip(input.teachers, teacherSlugs) {
            let students = configurations.filter {
                $0.isPrimary(.temperatureScaling, of: teacher, temperatures: input.primaryTemperatures)
                    || $0.isPrimary(.asymmetricTemperatureScaling, of: teacher, temperatures: input.primaryTemperatures)
            }
            if let chart = try learningCurve(
                of: students, title: "Students of \(TeacherName.short(teacher)): test accuracy",
                fileName: "learning-curves-students-\(slug).png",
                subject: "the TS and ATS students of \(TeacherName.inSentence(teacher))") {
                charts.append(chart)
            }
        }
        return charts
    }

    private func learningCurve(
        of group: [Configuration], title: String, fileName: String, subject: String
    ) throws -> ReportChart? {
        var series: [LearningCurveSeries] = []
        for configuration in group {
            let points = Self.curvePoints(configuration.finishedRuns)
            if !points.isEmpty {
                series.append(LearningCurveSeries(name: configuration.name, points: points))
            }
        }
        guard !series.isEmpty else { return nil }

        let chart = LearningCurveChart(title: title, yLabel: "test accuracy (%)", series: series)
        let listing = series.map { item -> String in
            let last = item.points[item.points.count - 1]
            return "\(item.name): \(NumberFormat.signed(last.mean)) % at epoch \(Int(last.epoch)) "
                + "over \(NumberFormat.count(last.runCount, "run"))"
        }
        let alt = "Line chart of the mean test accuracy in percent against epoch, with 95 % bands, for "
            + "\(subject). Last points: " + listing.joined(separator: "; ") + "."
        return try ReportChart.render(
            chart, fileName: fileName, altText: alt,
            caption: "Mean over finished runs with its 95 % t interval; a single run has no band.",
            metadata: metadata)
    }

    /// Computes the mean test accuracy in percent at each epoch that any run reached.
    static func curvePoints(_ runs: [ReportRun]) -> [LearningCurvePoint] {
        let epochs = Set(runs.flatMap { $0.epochs.map(\.epoch) }).sorted()
        var points: [LearningCurvePoint] = []
        for epoch in epochs {
            let values = runs.compactMap { run in run.epochs.first { $0.epoch == epoch }?.testAccuracy }
                .map { $0 * 100 }
            guard let summary = ChartMath.meanInterval(values) else { continue }
            points.append(LearningCurvePoint(epoch: Double(epoch), mean: summary.mean, lower: summary.lower,
                                             upper: summary.upper, runCount: values.count))
        }
        return points
    }
}
