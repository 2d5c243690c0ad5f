/// One bar: a value and its interval, such as a mean accuracy and its 95 % confidence interval.
public struct BarChartBar: Equatable, Sendable {
    public var name: String
    public var value: Double
    public var lower: Double
    public var upper: Double

    public init(name: String, value: Double, lower: Double, upper: Double) {
        self.name = name
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// Bars from zero with interval whiskers, one palette colour per bar in input order, so a
/// configuration keeps its colour between this chart and a dot plot of the same groups.
///
/// The value axis always contains zero, because a bar's length is its value.
public struct BarChart: Chart, ValidatedChart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var bars: [BarChartBar]
    public var size: ChartSize

    private static let barWidthFraction = 0.6
    private static let capHalfWidth = 7.0

    public init(title: String, xLabel: String = "configuration", yLabel: String, bars: [BarChartBar],
                size: ChartSize = ChartSize(width: 720, height: 450)) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.bars = bars
        self.size = size
    }

    public func renderPNG(style: ChartStyle = .standard, metadata: ChartMetadata) throws -> [UInt8] {
        try ChartRenderer.renderPNG(of: self, style: style, metadata: metadata)
    }

    func validate() throws {
        let validator = ChartValidator(chart: "bar chart")
        try validator.requireNonEmpty(bars.count, item: "the bar list")
        for (index, bar) in bars.enumerated() {
            let item = "bar \"\(bar.name)\""
            try validator.requireFinite(bar.value, item: item, field: "value")
            try validator.requireInterval(lower: bar.lower, upper: bar.upper, item: item, index: index,
                                          field: "interval")
        }
    }

    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let extremes: [Double] = bars.flatMap { [$0.value, $0.lower, $0.upper] } + [0]
        let yAxis = NumericAxis(ticks: NiceTicks(minimum: extremes.min()!, maximum: extremes.max()!), label: yLabel)
        let names = bars.map(\.name)
        let axisWidth = AxisRenderer.verticalAxisWidth(yAxis, canvas: canvas, style: style)

        let slotWidth = (content.width - axisWidth) / Double(bars.count)
        let turned = AxisRenderer.categoryLabelsNeedTurning(names, slotWidth: slotWidth, canvas: canvas, style: style)
        let extent = AxisRenderer.categoryAxisExtent(names, turned: turned, canvas: canvas, style: style)
        let plot = content.inset(top: AxisRenderer.topTickOverhang(canvas: canvas, style: style),
                                 left: max(axisWidth, extent.leftOverhang - slotWidth / 2), bottom: extent.height)
        let slot = plot.width / Double(bars.count)
        let centers = bars.indices.map { plot.minX + (Double($0) + 0.5) * slot }
        let yScale = LinearScale(domain: yAxis.ticks, rangeStart: plot.maxY, rangeEnd: plot.minY)

        AxisRenderer.drawHorizontalGrid(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        let zero = yScale(0)
        for (index, bar) in bars.enumerated() {
            let color = style.color(at: index)
            let halfWidth = slot * Self.barWidthFraction / 2
            let top = min(zero, yScale(bar.value))
            canvas.fill(Rect(x: centers[index] - halfWidth, y: top, width: 2 * halfWidth,
                             height: abs(zero - yScale(bar.value))), color: color)
            drawWhisker(x: centers[index], from: yScale(bar.lower), to: yScale(bar.upper), canvas: canvas,
                        style: style)
        }
        canvas.strokeLine(from: Point(x: plot.minX, y: zero), to: Point(x: plot.maxX, y: zero),
                          color: style.axisColor, width: 1)
        AxisRenderer.drawVerticalAxis(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawCategoryAxis(names, centers: centers, title: xLabel, turned: turned, plot: plot,
                                      canvas: canvas, style: style)
    }

    /// Draws a whisker in the text colour over a wider halo in the background colour, so it
    /// stays visible over every fill, the palette's black included.
    private func drawWhisker(x: Double, from lowerY: Double, to upperY: Double, canvas: CairoCanvas,
                             style: ChartStyle) {
        let width = style.lineWidth * 0.75
        for (color, strokeWidth) in [(style.backgroundColor, width + 2), (style.textColor, width)] {
            canvas.strokeLine(from: Point(x: x, y: lowerY), to: Point(x: x, y: upperY), color: color, width: strokeWidth)
            for y in [lowerY, upperY] {
                canvas.strokeLine(from: Point(x: x - Self.capHalfWidth, y: y), to: Point(x: x + Self.capHalfWidth, y: y),
                                  color: color, width: strokeWidth)
            }
        }
    }
}
