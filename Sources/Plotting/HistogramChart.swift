import Foundation

/// The values of one histogram series, such as the per-sample wrong-class sigma of one teacher.
public struct HistogramSeries: Equatable, Sendable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Histograms of one or more series over shared bins, each a translucent fill under a solid
/// step outline, so overlapping series stay readable.
public struct HistogramChart: Chart, ValidatedChart {
    /// The quantity that bar heights show.
    public enum Normalization: Sendable {
        /// Values per bin.
        case count
        /// Values per bin divided by the series' size, which compares series of different sizes.
        case fraction
    }

    public var title: String
    public var xLabel: String
    public var series: [HistogramSeries]
    /// Nil picks the Rice rule, ceil(2 n^(1/3)) bins for the largest series, kept in 5...60.
    public var binCount: Int?
    public var normalization: Normalization
    public var size: ChartSize

    private static let ruleBinRange = 5...60

    public init(title: String, xLabel: String, series: [HistogramSeries], binCount: Int? = nil,
                normalization: Normalization = .count, size: ChartSize = ChartSize(width: 720, height: 450)) {
        precondition(binCount.map { $0 >= 1 } ?? true, "a histogram needs at least one bin")
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.binCount = binCount
        self.normalization = normalization
        self.size = size
    }

    public func renderPNG(style: ChartStyle = .standard, metadata: ChartMetadata) throws -> [UInt8] {
        try ChartRenderer.renderPNG(of: self, style: style, metadata: metadata)
    }

    func validate() throws {
        let validator = ChartValidator(chart: "histogram")
        try validator.requireNonEmpty(series.count, item: "the series list")
        for item in series {
            try validator.requireNonEmpty(item.values.count, item: "series \"\(item.name)\"")
            try validator.requireFinite(item.values, item: "series \"\(item.name)\"", field: "values")
        }
    }

    /// Bin edges `start + i * width` for i in 0...count: equal-width bins covering every value.
    struct Bins: Equatable {
        var start: Double
        var width: Double
        var count: Int

        func index(of value: Double) -> Int {
            min(count - 1, max(0, Int(((value - start) / width).rounded(.down))))
        }
    }

    func bins() -> Bins {
        let values = series.flatMap(\.values)
        var low = values.min()!
        var high = values.max()!
        if low == high {
            let halfWidth = low == 0 ? 0.5 : abs(low) * 0.05
            low -= halfWidth
            high += halfWidth
        }
        let largest = series.map(\.values.count).max()!
        let ruleCount = Int((2 * pow(Double(largest), 1.0 / 3)).rounded(.up))
        let count = binCount ?? min(max(ruleCount, Self.ruleBinRange.lowerBound), Self.ruleBinRange.upperBound)
        return Bins(start: low, width: (high - low) / Double(count), count: count)
    }

    /// Counts the values of one series in each bin, divided by the series size for `.fraction`.
    func heights(of values: [Double], bins: Bins) -> [Double] {
        var counts = [Double](repeating: 0, count: bins.count)
        for value in values {
            counts[bins.index(of: value)] += 1
        }
        switch normalization {
        case .count: return counts
        case .fraction: return counts.map { $0 / Double(values.count) }
        }
    }

    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let legend = Legend(entries: series.enumerated().map { index, item in
            Legend.Entry(name: "\(item.name) (n=\(item.values.count))", color: style.color(at: index),
                         symbol: .outlinedBlock)
        })
        let legendHeight = legend.height(width: content.width, canvas: canvas, style: style)
        legend.draw(in: content, canvas: canvas, style: style)

        let bins = bins()
        let allHeights = series.map { heights(of: $0.values, bins: bins) }
        let end = bins.start + Double(bins.count) * bins.width
        let xAxis = NumericAxis(ticks: NiceTicks(minimum: bins.start, maximum: end), label: xLabel)
        let yLabel = normalization == .count ? "count" : "fraction of samples"
        let yAxis = NumericAxis(ticks: NiceTicks(minimum: 0, maximum: allHeights.joined().max()!), label: yLabel)
        let lastTickHalfWidth = canvas.textWidth(xAxis.tickLabels.last!, fontSize: style.tickFontSize) / 2
        let plot = content.inset(top: legendHeight + AxisRenderer.topTickOverhang(canvas: canvas, style: style),
                                 left: AxisRenderer.verticalAxisWidth(yAxis, canvas: canvas, style: style),
                                 bottom: AxisRenderer.horizontalAxisHeight(canvas: canvas, style: style),
                                 right: lastTickHalfWidth)
        let xScale = LinearScale(domain: xAxis.ticks, rangeStart: plot.minX, rangeEnd: plot.maxX)
        let yScale = LinearScale(domain: yAxis.ticks, rangeStart: plot.maxY, rangeEnd: plot.minY)

        AxisRenderer.drawHorizontalGrid(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        for (index, heights) in allHeights.enumerated() {
            var outline = [Point(x: xScale(bins.start), y: yScale(0))]
            for (bin, height) in heights.enumerated() {
                let left = xScale(bins.start + Double(bin) * bins.width)
                let right = xScale(bins.start + Double(bin + 1) * bins.width)
                outline.append(Point(x: left, y: yScale(height)))
                outline.append(Point(x: right, y: yScale(height)))
            }
            outline.append(Point(x: xScale(end), y: yScale(0)))
            canvas.fillPolygon(outline, color: style.color(at: index), opacity: style.bandOpacity)
            canvas.strokePolyline(outline, color: style.color(at: index), width: style.lineWidth * 0.75)
        }
        AxisRenderer.drawVerticalAxis(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawHorizontalAxis(xAxis, scale: xScale, plot: plot, canvas: canvas, style: style)
    }
}
