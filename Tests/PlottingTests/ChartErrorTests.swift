import Plotting
import Testing

// Charts reject empty inputs and NaN or infinite values with an error that names the item,
// instead of drawing a silent gap.

private let metadata = SampleCharts.metadata

@Test func emptyInputsAreRejected() {
    #expect(throws: PlottingError.emptyInput(chart: "learning curve chart", item: "the series list")) {
        try LearningCurveChart(title: "t", yLabel: "y", series: []).renderPNG(metadata: metadata)
    }
    #expect(throws: PlottingError.emptyInput(chart: "dot plot", item: "group \"g\"")) {
        try DotPlotChart(title: "t", yLabel: "y", groups: [DotPlotGroup(name: "g", values: [], mean: 0, lower: 0, upper: 0)])
            .renderPNG(metadata: metadata)
    }
    #expect(throws: PlottingError.emptyInput(chart: "bar chart", item: "the bar list")) {
        try BarChart(title: "t", yLabel: "y", bars: []).renderPNG(metadata: metadata)
    }
    #expect(throws: PlottingError.emptyInput(chart: "histogram", item: "series \"s\"")) {
        try HistogramChart(title: "t", xLabel: "x", series: [HistogramSeries(name: "s", values: [])])
            .renderPNG(metadata: metadata)
    }
    #expect(throws: PlottingError.emptyInput(chart: "heat map", item: "the set of non-missing cells")) {
        try HeatMapChart(title: "t", rowLabel: "r", columnLabel: "c", valueLabel: "v", rowNames: ["1"],
                         columnNames: ["1"], cells: [[nil]]).renderPNG(metadata: metadata)
    }
    #expect(throws: PlottingError.emptyInput(chart: "discriminability chart", item: "the panel list")) {
        try DiscriminabilityChart(title: "t", panels: []).renderPNG(metadata: metadata)
    }
}

@Test func nonFiniteValuesAreRejected() {
    var curves = SampleCharts.learningCurves
    curves.series[1].points[7].upper = .nan
    // NaN is not equal to itself, so this error is taken apart instead of compared whole.
    let error = #expect(throws: PlottingError.self) { try curves.renderPNG(metadata: metadata) }
    if case .nonFiniteValue(let chart, let item, let field, let value)? = error {
        #expect(chart == "learning curve chart")
        #expect(item == "series \"ResNet110 → VGG8, TS\"")
        #expect(field == "points[7].upper")
        #expect(value.isNaN)
    } else {
        Issue.record("expected nonFiniteValue, got \(String(describing: error))")
    }

    var histogram = SampleCharts.histogram
    histogram.series[0].values[3] = .infinity
    #expect(throws: PlottingError.nonFiniteValue(chart: "histogram", item: "series \"ResNet14\"",
                                                 field: "values[3]", value: .infinity)) {
        try histogram.renderPNG(metadata: metadata)
    }

    var panels = SampleCharts.discriminability
    panels.panels[2].derivedSigma[0] = -.infinity
    #expect(throws: PlottingError.nonFiniteValue(chart: "discriminability chart", item: "panel \"ResNet110, ATS\"",
                                                 field: "derivedSigma[0]", value: -.infinity)) {
        try panels.renderPNG(metadata: metadata)
    }
}

@Test func invertedIntervalsAndLengthMismatchesAreRejected() {
    let bars = BarChart(title: "t", yLabel: "y", bars: [BarChartBar(name: "b", value: 1, lower: 2, upper: 0)])
    #expect(throws: PlottingError.invertedInterval(chart: "bar chart", item: "bar \"b\"", index: 0, lower: 2, upper: 0)) {
        try bars.renderPNG(metadata: metadata)
    }

    var panels = SampleCharts.discriminability
    panels.panels[0].derivedAverage.removeLast()
    #expect(throws: PlottingError.lengthMismatch(chart: "discriminability chart",
                                                 item: "panel \"ResNet14, TS\" derivedAverage", expected: 8, actual: 7)) {
        try panels.renderPNG(metadata: metadata)
    }

    var grid = SampleCharts.heatMap
    grid.cells[2].removeLast()
    #expect(throws: PlottingError.lengthMismatch(chart: "heat map", item: "row \"3\"", expected: 5, actual: 4)) {
        try grid.renderPNG(metadata: metadata)
    }
}

@Test func runCountBelowOneIsRejected() {
    var curves = SampleCharts.learningCurves
    curves.series[0].points[2].runCount = 0
    #expect(throws: PlottingError.invalidArgument(name: "runCount of series \"ResNet14 → VGG8, TS\" at points[2]",
                                                  value: 0, expected: "at least 1")) {
        try curves.renderPNG(metadata: metadata)
    }
}

@Test func invalidSizeIsRejected() {
    var chart = SampleCharts.bars
    chart.size = ChartSize(width: 0, height: 450)
    #expect(throws: PlottingError.self) { try chart.renderPNG(metadata: metadata) }
    chart.size = ChartSize(width: 720, height: 20_000)
    #expect(throws: PlottingError.self) { try chart.renderPNG(style: ChartStyle(scaleFactor: 2), metadata: metadata) }
}

@Test func errorDescriptionNamesItemAndField() {
    let error = PlottingError.nonFiniteValue(chart: "histogram", item: "series \"a\"", field: "values[3]", value: .nan)
    #expect(error.description.contains("series \"a\""))
    #expect(error.description.contains("values[3]"))
    #expect(error.description.contains("nan"))
}
