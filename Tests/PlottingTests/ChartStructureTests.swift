import ImageIO
import PNGTestSupport
import Plotting
import Testing

// Structural checks that hold whatever the font rendering: the decoded size, the data
// colours inside the plot area, the text chunks, determinism, and the errors for bad input.
// The regions below are fractions of the image that lie inside each chart's plot area with
// the sample inputs, clear of the title, legend and axis labels.

private let style = ChartStyle.standard
private let metadata = SampleCharts.metadata
private let plotInterior = FractionalRegion(minX: 0.15, maxX: 0.95, minY: 0.2, maxY: 0.85)

private func allSampleCharts() -> [any Chart] {
    [SampleCharts.learningCurves, SampleCharts.dotPlot, SampleCharts.bars, SampleCharts.heatMap,
     SampleCharts.discriminability, SampleCharts.histogram]
}

@Test func decodedSizeIsSizeTimesScaleFactor() throws {
    for chart in allSampleCharts() {
        for scaleFactor in [1.0, 2.0] {
            let png = try chart.renderPNG(style: ChartStyle(scaleFactor: scaleFactor), metadata: metadata)
            let image = try decodePNG(png)
            #expect(image.width == Int(chart.size.width * scaleFactor), "width of \(chart.title) at \(scaleFactor)x")
            #expect(image.height == Int(chart.size.height * scaleFactor), "height of \(chart.title) at \(scaleFactor)x")
        }
    }
}

@Test func renderingIsDeterministic() throws {
    for chart in allSampleCharts() {
        let first = try chart.renderPNG(style: style, metadata: metadata)
        let second = try chart.renderPNG(style: style, metadata: metadata)
        #expect(first == second, "bytes of \(chart.title)")
    }
}

@Test func pngCarriesTitleSoftwareAndSpecHash() throws {
    for chart in allSampleCharts() {
        let chunks = try textChunks(of: try chart.renderPNG(style: style, metadata: metadata))
        #expect(chunks == [
            PNGTextChunk(keyword: "Title", text: chart.title),
            PNGTextChunk(keyword: "Software", text: metadata.software),
            PNGTextChunk(keyword: ChartMetadata.specHashKeyword, text: metadata.specHash!),
        ], "text chunks of \(chart.title)")
    }
    let withoutHash = try SampleCharts.bars.renderPNG(metadata: ChartMetadata(software: "atsbench"))
    #expect(try textChunks(of: withoutHash).map(\.keyword) == ["Title", "Software"])
}

@Test func learningCurveDrawsSeriesColoursInPlot() throws {
    for scaleFactor in [1.0, 2.0] {
        let image = try decodePNG(try SampleCharts.learningCurves.renderPNG(
            style: ChartStyle(scaleFactor: scaleFactor), metadata: metadata))
        for index in 0..<3 {
            // The mean line is drawn opaque over the bands; its centre pixels carry the colour.
            #expect(pixelCount(of: style.color(at: index), in: image, region: plotInterior, tolerance: 12) > 20,
                    "series \(index) at \(scaleFactor)x")
        }
        #expect(pixelCount(of: style.color(at: 3), in: image, region: plotInterior) == 0, "unused palette colour")
    }
}

@Test func dotPlotDrawsEveryGroupColourInPlot() throws {
    let image = try decodePNG(try SampleCharts.dotPlot.renderPNG(style: style, metadata: metadata))
    for index in 0..<4 {
        #expect(pixelCount(of: style.color(at: index), in: image, region: plotInterior) > 50, "group \(index)")
    }
}

@Test func barChartFillsBarsWithPaletteColours() throws {
    let image = try decodePNG(try SampleCharts.bars.renderPNG(style: style, metadata: metadata))
    for index in 0..<4 {
        let pixels = pixelCount(of: style.color(at: index), in: image, region: plotInterior, tolerance: 0)
        #expect(pixels > 1000, "bar \(index)")
    }
}

@Test func heatMapSpansTheViridisEnds() throws {
    let image = try decodePNG(try SampleCharts.heatMap.renderPNG(style: style, metadata: metadata))
    // The grid, left of the colour bar: the smallest and the largest cell take the end colours.
    let grid = FractionalRegion(minX: 0.1, maxX: 0.8, minY: 0.1, maxY: 0.88)
    #expect(pixelCount(of: RGBColor(hex: 0x440154), in: image, region: grid, tolerance: 2) > 500)
    #expect(pixelCount(of: RGBColor(hex: 0xFDE725), in: image, region: grid, tolerance: 2) > 500)
    #expect(pixelCount(of: RGBColor(hex: 0xD9D9D9), in: image, region: grid, tolerance: 0) > 500, "missing cell")
}

@Test func discriminabilityDrawsBothQuantitiesInEveryPanel() throws {
    let chart = SampleCharts.discriminability
    let image = try decodePNG(try chart.renderPNG(style: style, metadata: metadata))
    let panelWidth = 1.0 / Double(chart.panels.count)
    for panel in chart.panels.indices {
        let region = FractionalRegion(minX: Double(panel) * panelWidth + 0.05, maxX: Double(panel + 1) * panelWidth - 0.05,
                                      minY: 0.2, maxY: 0.85)
        #expect(pixelCount(of: RGBColor(hex: 0x0072B2), in: image, region: region) > 40, "average in panel \(panel)")
        #expect(pixelCount(of: RGBColor(hex: 0xD55E00), in: image, region: region) > 40, "sigma in panel \(panel)")
    }
}

@Test func histogramDrawsOutlinesAndTranslucentFills() throws {
    let image = try decodePNG(try SampleCharts.histogram.renderPNG(style: style, metadata: metadata))
    for index in 0..<2 {
        let color = style.color(at: index)
        #expect(pixelCount(of: color, in: image, region: plotInterior) > 100, "outline of series \(index)")
        let fill = blendedOverWhite(color, opacity: style.bandOpacity)
        #expect(pixelCount(of: fill, in: image, region: plotInterior, tolerance: 2) > 1000, "fill of series \(index)")
    }
}

@Test func histogramBinsCoverEveryValue() throws {
    let chart = HistogramChart(title: "bins", xLabel: "x", series: [HistogramSeries(name: "a", values: [0, 1, 2, 3, 4, 10])],
                               binCount: 5)
    let png = try chart.renderPNG(metadata: metadata)
    #expect(try decodePNG(png).width == 720)

    let single = HistogramChart(title: "one value", xLabel: "x", series: [HistogramSeries(name: "a", values: [0.3, 0.3])])
    #expect(throws: Never.self) { try single.renderPNG(metadata: metadata) }
}
