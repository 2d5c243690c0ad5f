/// One point of a learning curve: the mean over runs at an epoch and its confidence interval.
public struct LearningCurvePoint: Equatable, Sendable {
    public var epoch: Double
    public var mean: Double
    public var lower: Double
    public var upper: Double
    /// The number of runs that reached this epoch.
    public var runCount: Int

    public init(epoch: Double, mean: Double, lower: Double, upper: Double, runCount: Int) {
        self.epoch = epoch
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.runCount = runCount
    }
}

/// The learning curve of one group of runs, such as one teacher, method and configuration.
public struct LearningCurveSeries: Equatable, Sendable {
    public var name: String
    /// Points in increasing epoch order.
    public var points: [LearningCurvePoint]

    public init(name: String, points: [LearningCurvePoint]) {
        self.name = name
        self.points = points
    }
}

/// Mean learning curves with confidence bands, one colour per group.
///
/// The legend gives each series' run count, or its first and last count when runs have
/// different lengths. Such a series is also labelled "n=K" on the curve wherever its count
/// changes, so a band that widens as runs end is not read as disagreement between runs.
public struct LearningCurveChart: Chart, ValidatedChart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [LearningCurveSeries]
    public var size: ChartSize

    /// Run-count labels of one series closer than this many points to the previous one are left
    /// out, so they never overprint.
    private static let minimumLabelSpacing = 36.0

    public init(title: String, xLabel: String = "epoch", yLabel: String, series: [LearningCurveSeries],
                size: ChartSize = ChartSize(width: 720, height: 450)) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.size = size
    }

    public func renderPNG(style: ChartStyle = .standard, metadata: ChartMetadata) throws -> [UInt8] {
        try ChartRenderer.renderPNG(of: self, style: style, metadata: metadata)
    }

    func validate() throws {
        let validator = ChartValidator(chart: "learning curve chart")
        try validator.requireNonEmpty(series.count, item: "the series list")
        for curve in series {
            let item = "series \"\(curve.name)\""
            try validator.requireNonEmpty(curve.points.count, item: item)
            for (index, point) in curve.points.enumerated() {
                try validator.requireFinite(point.epoch, item: item, field: "points[\(index)].epoch")
                try validator.requireFinite(point.mean, item: item, field: "points[\(index)].mean")
                try validator.requireInterval(lower: point.lower, upper: point.upper, item: item, index: index,
                                              field: "points[\(index)]")
                guard point.runCount >= 1 else {
                    throw PlottingError.invalidArgument(name: "runCount of \(item) at points[\(index)]",
                                                        value: Double(point.runCount), expected: "at least 1")
                }
            }
        }
    }

    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let legend = Legend(entries: series.enumerated().map { index, curve in
            Legend.Entry(name: "\(curve.name) (\(Self.runCountSummary(curve)))", color: style.color(at: index),
                         symbol: .lineWithBand)
        })
        let legendHeight = legend.height(width: content.width, canvas: canvas, style: style)
        legend.draw(in: content, canvas: canvas, style: style)

        let allPoints = series.flatMap(\.points)
        let epochs = allPoints.map(\.epoch)
        let xAxis = NumericAxis(ticks: NiceTicks(minimum: epochs.min()!, maximum: epochs.max()!), label: xLabel)
        let yAxis = NumericAxis(ticks: NiceTicks(minimum: allPoints.map(\.lower).min()!,
                                                 maximum: allPoints.map(\.upper).max()!), label: yLabel)
        let lastTickHalfWidth = canvas.textWidth(xAxis.tickLabels.last!, fontSize: style.tickFontSize) / 2
        let plot = content.inset(top: legendHeight + AxisRenderer.topTickOverhang(canvas: canvas, style: style),
                                 left: AxisRenderer.verticalAxisWidth(yAxis, canvas: canvas, style: style),
                                 bottom: AxisRenderer.horizontalAxisHeight(canvas: canvas, style: style),
                                 right: lastTickHalfWidth)
        let xScale = LinearScale(domain: xAxis.ticks, rangeStart: plot.minX, rangeEnd: plot.maxX)
        let yScale = LinearScale(domain: yAxis.ticks, rangeStart: plot.maxY, rangeEnd: plot.minY)

        AxisRenderer.drawHorizontalGrid(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawVerticalGrid(xAxis, scale: xScale, plot: plot, canvas: canvas, style: style)
        canvas.withClip(to: plot.inset(top: -style.lineWidth, bottom: -style.lineWidth)) {
            // Bands first, so no band hides another series' mean line.
            for (index, curve) in series.enumerated() {
                let upper = curve.points.map { Point(x: xScale($0.epoch), y: yScale($0.upper)) }
                let lower = curve.points.map { Point(x: xScale($0.epoch), y: yScale($0.lower)) }
                canvas.fillPolygon(upper + lower.reversed(), color: style.color(at: index), opacity: style.bandOpacity)
            }
            for (index, curve) in series.enumerated() {
                let means = curve.points.map { Point(x: xScale($0.epoch), y: yScale($0.mean)) }
                canvas.strokePolyline(means, color: style.color(at: index), width: style.lineWidth)
                if curve.points.count == 1 {
                    canvas.drawDot(at: means[0], radius: style.markerRadius, color: style.color(at: index),
                                   outline: style.backgroundColor)
                }
            }
        }
        AxisRenderer.drawVerticalAxis(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawHorizontalAxis(xAxis, scale: xScale, plot: plot, canvas: canvas, style: style)

        drawRunCountChanges(xScale: xScale, yScale: yScale, canvas: canvas, style: style)
    }

    /// "n=5" for a constant run count, "n=5…2" from the first to the last point otherwise.
    private static func runCountSummary(_ curve: LearningCurveSeries) -> String {
        let first = curve.points.first!.runCount
        let last = curve.points.last!.runCount
        let varies = curve.points.contains { $0.runCount != first }
        return varies ? "n=\(first)…\(last)" : "n=\(first)"
    }

    /// Labels "n=K" above each series at every point where its run count changes.
    private func drawRunCountChanges(xScale: LinearScale, yScale: LinearScale, canvas: CairoCanvas,
                                     style: ChartStyle) {
        for (index, curve) in series.enumerated() {
            var previousCount = curve.points[0].runCount
            var previousLabelX = -Double.infinity
            for point in curve.points.dropFirst() where point.runCount != previousCount {
                previousCount = point.runCount
                let x = xScale(point.epoch)
                guard x - previousLabelX >= Self.minimumLabelSpacing else { continue }
                previousLabelX = x
                let anchor = Point(x: x, y: yScale(point.upper) - AxisRenderer.gap)
                canvas.drawDot(at: Point(x: x, y: yScale(point.mean)), radius: style.markerRadius * 0.8,
                               color: style.color(at: index), outline: style.backgroundColor)
                canvas.drawText("n=\(point.runCount)", at: anchor, fontSize: style.annotationFontSize,
                                color: style.color(at: index), bold: true, horizontal: .center, vertical: .bottom)
            }
        }
    }
}
