/// Class discriminability of one teacher under one scaling, against temperature: the derived
/// average and derived sigma of the wrong-class probabilities, each averaged over samples.
public struct TemperaturePanel: Equatable, Sendable {
    /// The panel heading, such as "ResNet110, ATS".
    public var title: String
    /// Temperatures in increasing order.
    public var temperatures: [Double]
    /// The derived average at each temperature.
    public var derivedAverage: [Double]
    /// The derived sigma at each temperature.
    public var derivedSigma: [Double]

    public init(title: String, temperatures: [Double], derivedAverage: [Double], derivedSigma: [Double]) {
        self.title = title
        self.temperatures = temperatures
        self.derivedAverage = derivedAverage
        self.derivedSigma = derivedSigma
    }
}

/// Derived average (left y-axis, solid line, dots) and derived sigma (right y-axis, dashed
/// line, squares) against temperature, one panel per teacher and scaling, side by side.
///
/// All panels share the x-axis and both y-axes, so heights compare across panels. Line style
/// and marker tell the two quantities apart as well as colour does.
public struct DiscriminabilityChart: Chart, ValidatedChart {
    public var title: String
    public var temperatureLabel: String
    public var averageLabel: String
    public var sigmaLabel: String
    public var panels: [TemperaturePanel]
    public var size: ChartSize

    /// Palette positions of the two quantities: blue and vermillion in the Okabe-Ito palette.
    static let averagePaletteIndex = 3
    static let sigmaPaletteIndex = 4
    static let sigmaDash = [6.0, 3.0]
    private static let panelGap = 28.0

    public init(title: String, temperatureLabel: String = "temperature τ",
                averageLabel: String = "derived average e(q)", sigmaLabel: String = "derived sigma σ(q)",
                panels: [TemperaturePanel], size: ChartSize = ChartSize(width: 1200, height: 430)) {
        self.title = title
        self.temperatureLabel = temperatureLabel
        self.averageLabel = averageLabel
        self.sigmaLabel = sigmaLabel
        self.panels = panels
        self.size = size
    }

    public func renderPNG(style: ChartStyle = .standard, metadata: ChartMetadata) throws -> [UInt8] {
        try ChartRenderer.renderPNG(of: self, style: style, metadata: metadata)
    }

    func validate() throws {
        let validator = ChartValidator(chart: "discriminability chart")
        try validator.requireNonEmpty(panels.count, item: "the panel list")
        for panel in panels {
            let item = "panel \"\(panel.title)\""
            try validator.requireNonEmpty(panel.temperatures.count, item: item)
            try validator.requireLength(panel.derivedAverage.count, expected: panel.temperatures.count,
                                        item: "\(item) derivedAverage")
            try validator.requireLength(panel.derivedSigma.count, expected: panel.temperatures.count,
                                        item: "\(item) derivedSigma")
            try validator.requireFinite(panel.temperatures, item: item, field: "temperatures")
            try validator.requireFinite(panel.derivedAverage, item: item, field: "derivedAverage")
            try validator.requireFinite(panel.derivedSigma, item: item, field: "derivedSigma")
        }
    }

    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let averageColor = style.color(at: Self.averagePaletteIndex)
        let sigmaColor = style.color(at: Self.sigmaPaletteIndex)
        let legend = Legend(entries: [
            Legend.Entry(name: averageLabel, color: averageColor, symbol: .line),
            Legend.Entry(name: sigmaLabel, color: sigmaColor, symbol: .dashedLine),
        ])
        let legendHeight = legend.height(width: content.width, canvas: canvas, style: style)
        legend.draw(in: content, canvas: canvas, style: style)

        let temperatures = panels.flatMap(\.temperatures)
        let averages = panels.flatMap(\.derivedAverage)
        let sigmas = panels.flatMap(\.derivedSigma)
        let xAxis = NumericAxis(ticks: NiceTicks(minimum: temperatures.min()!, maximum: temperatures.max()!),
                                label: temperatureLabel)
        let averageAxis = NumericAxis(ticks: NiceTicks(minimum: averages.min()!, maximum: averages.max()!),
                                      label: averageLabel, labelColor: averageColor)
        let sigmaAxis = NumericAxis(ticks: NiceTicks(minimum: sigmas.min()!, maximum: sigmas.max()!),
                                    label: sigmaLabel, labelColor: sigmaColor)

        let panelWidth = (content.width - Self.panelGap * Double(panels.count - 1)) / Double(panels.count)
        let headingHeight = canvas.lineHeight(fontSize: style.axisLabelFontSize, bold: true) + AxisRenderer.gap
            + AxisRenderer.topTickOverhang(canvas: canvas, style: style)
        for (index, panel) in panels.enumerated() {
            let frame = Rect(x: content.minX + Double(index) * (panelWidth + Self.panelGap),
                             y: content.minY + legendHeight, width: panelWidth,
                             height: content.height - legendHeight)
            canvas.drawText(panel.title, at: Point(x: frame.midX, y: frame.minY), fontSize: style.axisLabelFontSize,
                            color: style.textColor, bold: true, horizontal: .center, vertical: .top)
            let plot = frame.inset(top: headingHeight,
                                   left: AxisRenderer.verticalAxisWidth(averageAxis, canvas: canvas, style: style),
                                   bottom: AxisRenderer.horizontalAxisHeight(canvas: canvas, style: style),
                                   right: AxisRenderer.verticalAxisWidth(sigmaAxis, canvas: canvas, style: style))
            drawPanel(panel, plot: plot, axes: (xAxis, averageAxis, sigmaAxis), colors: (averageColor, sigmaColor),
                      canvas: canvas, style: style)
        }
    }

    private func drawPanel(_ panel: TemperaturePanel, plot: Rect,
                           axes: (x: NumericAxis, average: NumericAxis, sigma: NumericAxis),
                           colors: (average: RGBColor, sigma: RGBColor), canvas: CairoCanvas, style: ChartStyle) {
        let xScale = LinearScale(domain: axes.x.ticks, rangeStart: plot.minX, rangeEnd: plot.maxX)
        let averageScale = LinearScale(domain: axes.average.ticks, rangeStart: plot.maxY, rangeEnd: plot.minY)
        let sigmaScale = LinearScale(domain: axes.sigma.ticks, rangeStart: plot.maxY, rangeEnd: plot.minY)

        // The grid follows the left axis only; two sets of horizontal lines would read as noise.
        AxisRenderer.drawHorizontalGrid(axes.average, scale: averageScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawVerticalGrid(axes.x, scale: xScale, plot: plot, canvas: canvas, style: style)

        let averagePoints = zip(panel.temperatures, panel.derivedAverage).map { Point(x: xScale($0), y: averageScale($1)) }
        let sigmaPoints = zip(panel.temperatures, panel.derivedSigma).map { Point(x: xScale($0), y: sigmaScale($1)) }
        canvas.strokePolyline(averagePoints, color: colors.average, width: style.lineWidth)
        canvas.strokePolyline(sigmaPoints, color: colors.sigma, width: style.lineWidth, dash: Self.sigmaDash)
        for point in averagePoints {
            canvas.drawDot(at: point, radius: style.markerRadius, color: colors.average, outline: style.backgroundColor)
        }
        for point in sigmaPoints {
            canvas.drawSquare(at: point, halfSide: style.markerRadius, color: colors.sigma)
        }

        AxisRenderer.drawVerticalAxis(axes.average, scale: averageScale, plot: plot, canvas: canvas, style: style)
        AxisRenderer.drawVerticalAxis(axes.sigma, scale: sigmaScale, plot: plot, onRight: true, canvas: canvas,
                                      style: style)
        AxisRenderer.drawHorizontalAxis(axes.x, scale: xScale, plot: plot, canvas: canvas, style: style)
    }
}
