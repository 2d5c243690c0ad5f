import Plotting
import Testing

// Each chart kind rendered from SampleCharts and compared with its golden PNG; see GoldenImage
// for the tolerance and for how to re-record.

@Test func learningCurveMatchesGolden() throws {
    try GoldenImage.assertMatches(try SampleCharts.learningCurves.renderPNG(metadata: SampleCharts.metadata),
                                  named: "learning-curves")
}

@Test func dotPlotMatchesGolden() throws {
    try GoldenImage.assertMatches(try SampleCharts.dotPlot.renderPNG(metadata: SampleCharts.metadata),
                                  named: "final-accuracy-dots")
}

@Test func barChartMatchesGolden() throws {
    try GoldenImage.assertMatches(try SampleCharts.bars.renderPNG(metadata: SampleCharts.metadata),
                                  named: "final-accuracy-bars")
}

@Test func heatMapMatchesGolden() throws {
    try GoldenImage.assertMatches(try SampleCharts.heatMap.renderPNG(metadata: SampleCharts.metadata),
                                  named: "temperature-grid-heat-map")
}

@Test func discriminabilityMatchesGolden() throws {
    try GoldenImage.assertMatches(try SampleCharts.discriminability.renderPNG(metadata: SampleCharts.metadata),
                                  named: "discriminability")
}

@Test func histogramMatchesGolden() throws {
    try GoldenImage.assertMatches(try SampleCharts.histogram.renderPNG(metadata: SampleCharts.metadata),
                                  named: "wrong-class-sigma-histogram")
}

@Test func highDPIChartMatchesGolden() throws {
    let style = ChartStyle(scaleFactor: 2)
    try GoldenImage.assertMatches(try SampleCharts.dotPlot.renderPNG(style: style, metadata: SampleCharts.metadata),
                                  named: "final-accuracy-dots@2x")
}

@Test func turnedCategoryLabelsMatchGolden() throws {
    // Eight long names cannot sit level under their bars, so they are drawn turned.
    let names = ["ResNet14 → VGG8, TS τ=4", "ResNet110 → VGG8, TS τ=4", "ResNet110 → VGG8, ATS 4/2",
                 "WRN28-1 → VGG8, TS τ=4", "WRN28-8 → VGG8, TS τ=4", "WRN28-8 → VGG8, ATS 4/2",
                 "ResNet14 → VGG8, ATS 4/2", "VGG8 alone"]
    let bars = names.enumerated().map { index, name in
        BarChartBar(name: name, value: 0.69 + 0.005 * Double(index), lower: 0.685 + 0.005 * Double(index),
                    upper: 0.697 + 0.005 * Double(index))
    }
    let chart = BarChart(title: "Mean final accuracy of eight configurations", yLabel: "final test accuracy", bars: bars)
    try GoldenImage.assertMatches(try chart.renderPNG(metadata: SampleCharts.metadata), named: "bars-turned-labels")
}
