import Plotting

extension ReportCharts {
    func discriminability() throws -> ReportChart? {
        var panels: [TemperaturePanel] = []
        for row in input.discriminability where !row.points.isEmpty {
            panels.append(TemperaturePanel(
                title: panelTitle(row), temperatures: row.points.map(\.temperature),
                derivedAverage: row.points.map(\.derivedAverage.value),
                derivedSigma: row.points.map(\.derivedSigma.value)))
        }
        guard !panels.isEmpty else { return nil }

        let chart = DiscriminabilityChart(
            title: "Class discriminability of the teachers", panels: panels,
            size: ChartSize(width: max(720, 400 * Double(panels.count)), height: 430))
        let alt = "Line charts, one panel per teacher and scaling (" + panels.map(\.title).joined(separator: "; ")
            + "), of the derived average e(q) (solid, left axis) and the derived sigma σ(q) (dashed, right axis) "
            + "of the wrong-class probabilities against temperature. The table below lists every value."
        return try ReportChart.render(
            chart, fileName: "discriminability.png", altText: alt,
            caption: input.discriminability.contains { $0.trueRatio != nil }
                ? "Each point averages over the test samples; ATS panels scale both temperatures with τ, as their titles say."
                : "Each point averages over the test samples; for ATS the x-axis is t_tau at a fixed tp_tau.",
            metadata: metadata)
    }

    func panelTitle(_ row: ReportDiscriminability) -> String {
        let teacher = input.teachers.first { $0.label == row.teacherLabel }.map(TeacherName.short) ?? row.teacherLabel
        if let trueRatio = row.trueRatio, let wrongRatio = row.wrongRatio {
            return "\(teacher), \(row.scaling.rawValue) (tp_tau \(NumberFormat.temperature(trueRatio)) τ, "
                + "t_tau \(NumberFormat.temperature(wrongRatio)) τ)"
        }
        if let tp = row.trueClassTemperature {
            return "\(teacher), \(row.scaling.rawValue) (tp_tau \(NumberFormat.temperature(tp)))"
        }
        return "\(teacher), \(row.scaling.rawValue)"
    }

    func sigmaHistogram() throws -> ReportChart? {
        var series: [HistogramSeries] = []
        for row in input.discriminability where !row.perSampleSigma.isEmpty {
            var name = panelTitle(row)
            if let temperature = row.histogramTemperature {
                let symbol = row.scaling == .asymmetricTemperatureScaling && row.trueRatio == nil ? "t_tau" : "τ"
                name += " at \(symbol) \(NumberFormat.temperature(temperature))"
            }
            series.append(HistogramSeries(name: name, values: row.perSampleSigma))
        }
        guard !series.isEmpty else { return nil }

        let chart = HistogramChart(title: "Per-sample derived sigma of the teachers", xLabel: "derived sigma σ(q)",
                                   series: series, normalization: .fraction)
        let alt = "Histogram of the derived sigma σ(q) of each test sample, as a fraction of the samples, for "
            + series.map { "\($0.name) (\($0.values.count) samples)" }.joined(separator: "; ") + "."
        return try ReportChart.render(
            chart, fileName: "derived-sigma-histogram.png", altText: alt,
            caption: "Bar heights are fractions of each teacher's samples, so teachers with different sample counts compare.",
            metadata: metadata)
    }

    func temperatureGrids() throws -> [ReportChart] {
        let grids = TemperatureGrid.grids(teachers: input.teachers, configurations: configurations)
        let slugs = Dictionary(uniqueKeysWithValues: zip(input.teachers.map(\.label), teacherSlugs))
        var charts: [ReportChart] = []
        for grid in grids {
            let cells = grid.cells.map { row in
                row.map { cell in cell.map { HeatMapCell(value: $0.mean, lower: $0.lower, upper: $0.upper) } }
            }
            let chart = HeatMapChart(
                title: "ATS students of \(TeacherName.short(grid.teacher)) over the temperature grid",
                rowLabel: "tp_tau", columnLabel: "t_tau", valueLabel: "mean accuracy (%)",
                rowNames: grid.tpTaus.map(NumberFormat.temperature), columnNames: grid.tTaus.map(NumberFormat.temperature),
                cells: cells, fractionDigits: 2)
            let best = grid.bestCell
            var alt = "Heat map of the mean final accuracy in percent of the ATS students of "
                + "\(TeacherName.inSentence(grid.teacher)), rows tp_tau, columns t_tau."
            if let best {
                alt += " The highest mean, \(NumberFormat.signed(best.cell.mean)) %, is at tp_tau "
                    + "\(NumberFormat.temperature(best.tpTau)), t_tau \(NumberFormat.temperature(best.tTau))."
            }
            alt += " The grid table lists every cell."
            charts.append(try ReportChart.render(
                chart, fileName: "temperature-grid-\(slugs[grid.teacher.label] ?? "teacher").png", altText: alt,
                caption: "Each cell shows the mean and its 95 % t interval; a cell with one run shows its value "
                    + "as both bounds, and a grey cell had no finished run.",
                metadata: metadata))
        }
        return charts
    }
}

extension TemperatureGrid {
    /// The cell with the highest mean; the first in row order on a tie.
    var bestCell: (tpTau: Double, tTau: Double, cell: Cell)? {
        var best: (tpTau: Double, tTau: Double, cell: Cell)?
        for (row, tp) in tpTaus.enumerated() {
            for (column, t) in tTaus.enumerated() {
                guard let cell = cells[row][column] else { continue }
                if best == nil || cell.mean > best!.cell.mean {
                    best = (tp, t, cell)
                }
            }
        }
        return best
    }
}
