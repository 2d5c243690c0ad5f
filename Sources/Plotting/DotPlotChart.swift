/// The final results of one configuration: one value per seed, their mean and its interval.
public struct DotPlotGroup: Equatable, Sendable {
    public var name: String
    /// One value per run, such as the final test accuracy of each seed.
    public var values: [Double]
    public var mean: Double
    public var lower: Double
    public var upper: Double

    public init(name: String, values: [Double], mean: Double, lower: Double, upper: Double) {
        self.name = name
        self.values = values
        self.mean = mean
        self.lower = lower
        self.upper = upper
    }
}

/// Every run as a dot, with the group's mean and interval drawn to the right of its dots, one
/// slot and colour per group.
///
/// Dots spread sideways by a fixed low-discrepancy sequence, not by random jitter, so equal
/// values stay visible as separate dots and the image never changes between renders.
public struct DotPlotChart: Chart, ValidatedChart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var groups: [DotPlotGroup]
    public var size: ChartSize

    /// The golden ratio's fractional part, whose multiples spread evenly over 0..<1.
    private static let spreadStep = 0.618_033_988_749_895
    /// Dots lie in this fraction of the slot left of its centre; the interval lies right of it.
    private static let dotSpreadFraction = 0.34
    private static let intervalOffsetFraction = 0.2
    private static let capHalfWidth = 6.0

    public init(title: String, xLabel: String = "configuration", yLabel: String, groups: [DotPlotGroup],
                size: ChartSize = ChartSize(width: 720, height: 450)) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.groups = groups
        self.size = size
    }

    public func renderPNG(style: ChartStyle = .standard, metadata: ChartMetadata) throws -> [UInt8] {
        try ChartRenderer.renderPNG(of: self, style: style, metadata: metadata)
    }

    func validate() throws {
        let validator = ChartValidator(chart: "dot plot")
        try validator.requireNonEmpty(groups.count, item: "the group list")
        for (index, group) in groups.enumerated() {
            let item = "group \"\(group.name)\""
            try validator.requireNonEmpty(group.values.count, item: item)
            try validator.requireFinite(group.values, item: item, field: "values")
            try validator.requireFinite(group.mean, item: item, field: "mean")
            try validator.requireInterval(lower: group.lower, upper: group.upper, item: item, index: index,
                                          field: "interval")
        }
    }

    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let extremes = groups.flatMap { $0.values + [$0.mean, $0.lower, $0.upper] }
        let yAxis = NumericAxis(ticks: NiceTicks(minimum: extremes.min()!, maximum: extremes.max()!), label: yLabel)
        let names = groups.map(\.name)
        let axisWidth = AxisRenderer.verticalAxisWidth(yAxis, canvas: canvas, style: style)

        let slotWidth = (content.width - axisWidth) / Double(groups.count)
        let turned = AxisRenderer.categoryLabelsNeedTurning(names, slotWidth: slotWidth, canvas: canvas, style: style)
        let extent = AxisRenderer.categoryAxisExtent(names, turned: turned, canvas: canvas, style: style)
        let left = max(axisWidth, extent.leftOverhang - slotWidth / 2)
        let plot = content.inset(top: AxisRenderer.topTickOverhang(canvas: canvas, style: style), left: left,
                                 bottom: extent.height)
        let slot = plot.width / Double(groups.count)
        let centers = groups.indices.map { plot.minX + (Double($0) + 0.5) * slot }
        let yScale = LinearScale(domain: yAxis.ticks, rangeStart: plot.maxY, rangeEnd: plot.minY)

        AxisRenderer.drawHorizontalGrid(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        for (index, group) in groups.enumerated() {
            drawGroup(group, center: centers[index], slot: slot, color: style.color(at: index), yScale: yScale,
                      canvas: canvas, style: style)
        }
        AxisRenderer.drawVerticalAxis(yAxis, scale: yScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawCategoryAxis(names, centers: centers, title: xLabel, turned: turned, plot: plot,
                                      canvas: canvas, style: style)
    }

    private func drawGroup(_ group: DotPlotGroup, center: Double, slot: Double, color: RGBColor,
                           yScale: LinearScale, canvas: CairoCanvas, style: ChartStyle) {
        let spread = slot * Self.dotSpreadFraction
        for (index, value) in group.values.enumerated() {
            let position = (Double(index + 1) * Self.spreadStep).truncatingRemainder(dividingBy: 1)
            let x = center - spread * (1 - position) - style.markerRadius
            canvas.drawDot(at: Point(x: x, y: yScale(value)), radius: style.markerRadius, color: color,
                           outline: style.backgroundColor)
        }

        let x = center + slot * Self.intervalOffsetFraction
        let top = Point(x: x, y: yScale(group.upper))
        let bottom = Point(x: x, y: yScale(group.lower))
        canvas.strokeLine(from: top, to: bottom, color: color, width: style.lineWidth)
        for end in [top, bottom] {
            canvas.strokeLine(from: Point(x: x - Self.capHalfWidth, y: end.y), to: Point(x: x + Self.capHalfWidth, y: end.y),
                              color: color, width: style.lineWidth)
        }
        canvas.drawSquare(at: Point(x: x, y: yScale(group.mean)), halfSide: style.markerRadius + 1, color: color)
    }
}
