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
