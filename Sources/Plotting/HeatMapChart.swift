/// One heat-map cell: a value and its interval, such as a mean accuracy and its 95 % interval.
public struct HeatMapCell: Equatable, Sendable {
    public var value: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// A grid of cells coloured by value on the viridis scale, each printing its value and its
/// interval, such as student accuracy over the ATS grid of tp_tau (rows) and t_tau (columns).
///
/// Rows are drawn top to bottom in the given order. A nil cell, a configuration that was not
/// run, is drawn grey with a dash. The colour bar spans the smallest to the largest value.
public struct HeatMapChart: Chart, ValidatedChart {
    public var title: String
    public var rowLabel: String
    public var columnLabel: String
    public var valueLabel: String
    public var rowNames: [String]
    public var columnNames: [String]
    /// `cells[row][column]`, with one array per row name and one cell per column name.
    public var cells: [[HeatMapCell?]]
    /// Decimals printed for values and interval bounds.
    public var fractionDigits: Int
    public var size: ChartSize

    private static let colorBarWidth = 14.0
    private static let missingCellColor = RGBColor(hex: 0xD9D9D9)
    /// Cell text switches from white to black above this background luminance.
    private static let darkTextLuminanceThreshold = 0.3
    private static let minimumIntervalFontSize = 7.0

    public init(title: String, rowLabel: String, columnLabel: String, valueLabel: String, rowNames: [String],
                columnNames: [String], cells: [[HeatMapCell?]], fractionDigits: Int = 2,
                size: ChartSize = ChartSize(width: 720, height: 520)) {
        precondition(fractionDigits >= 0, "fractionDigits must not be negative")
        self.title = title
        self.rowLabel = rowLabel
        self.columnLabel = columnLabel
        self.valueLabel = valueLabel
        self.rowNames = rowNames
        self.columnNames = columnNames
        self.cells = cells
        self.fractionDigits = fractionDigits
        self.size = size
    }

    public func renderPNG(style: ChartStyle = .standard, metadata: ChartMetadata) throws -> [UInt8] {
        try ChartRenderer.renderPNG(of: self, style: style, metadata: metadata)
    }

    func validate() throws {
        let validator = ChartValidator(chart: "heat map")
        try validator.requireNonEmpty(rowNames.count, item: "the row names")
        try validator.requireNonEmpty(columnNames.count, item: "the column names")
        try validator.requireLength(cells.count, expected: rowNames.count, item: "the cell rows")
        for (rowIndex, row) in cells.enumerated() {
            let item = "row \"\(rowNames[rowIndex])\""
            try validator.requireLength(row.count, expected: columnNames.count, item: item)
            for (columnIndex, cell) in row.enumerated() {
                guard let cell else { continue }
                try validator.requireFinite(cell.value, item: item, field: "cells[\(columnIndex)].value")
                try validator.requireInterval(lower: cell.lower, upper: cell.upper, item: item, index: columnIndex,
                                              field: "cells[\(columnIndex)]")
            }
        }
        try validator.requireNonEmpty(cells.joined().compactMap { $0 }.count, item: "the set of non-missing cells")
    }

    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let values = cells.joined().compactMap { $0?.value }
        let valueTicks = NiceTicks(minimum: values.min()!, maximum: values.max()!)
        let colorDomain = values.min()! < values.max()!
            ? (lower: values.min()!, upper: values.max()!) : (lower: valueTicks.lower, upper: valueTicks.upper)
        let colorBarAxis = NumericAxis(ticks: valueTicks, label: valueLabel)

        let rowNameWidth = rowNames.map { canvas.textWidth($0, fontSize: style.tickFontSize) }.max()!
        let axisTitleHeight = canvas.lineHeight(fontSize: style.axisLabelFontSize)
        let left = axisTitleHeight + AxisRenderer.gap + rowNameWidth + AxisRenderer.gap
        let bottom = AxisRenderer.gap + canvas.lineHeight(fontSize: style.tickFontSize) + AxisRenderer.gap + axisTitleHeight
        let right = style.margin + Self.colorBarWidth + AxisRenderer.verticalAxisWidth(colorBarAxis, canvas: canvas, style: style)
        let grid = content.inset(left: left, bottom: bottom, right: right)
        let cellWidth = grid.width / Double(columnNames.count)
        let cellHeight = grid.height / Double(rowNames.count)

        for (rowIndex, row) in cells.enumerated() {
            for (columnIndex, cell) in row.enumerated() {
                let rect = Rect(x: grid.minX + Double(columnIndex) * cellWidth, y: grid.minY + Double(rowIndex) * cellHeight,
                                width: cellWidth, height: cellHeight)
                drawCell(cell, in: rect, colorDomain: colorDomain, canvas: canvas, style: style)
            }
        }
        drawGridLabels(grid: grid, cellWidth: cellWidth, cellHeight: cellHeight, canvas: canvas, style: style)

        let bar = Rect(x: grid.maxX + style.margin, y: grid.minY, width: Self.colorBarWidth, height: grid.height)
        drawColorBar(bar, axis: colorBarAxis, colorDomain: colorDomain, canvas: canvas, style: style)
    }

    private func drawCell(_ cell: HeatMapCell?, in rect: Rect, colorDomain: (lower: Double, upper: Double),
                          canvas: CairoCanvas, style: ChartStyle) {
        guard let cell else {
            canvas.fill(rect, color: Self.missingCellColor)
            canvas.stroke(rect, color: style.backgroundColor, width: 1)
            canvas.drawText("–", at: Point(x: rect.midX, y: rect.midY), fontSize: style.annotationFontSize,
                            color: style.textColor, horizontal: .center, vertical: .center)
            return
        }
        let fraction = (cell.value - colorDomain.lower) / (colorDomain.upper - colorDomain.lower)
        let fill = SequentialColorMap.viridis.color(at: fraction)
        canvas.fill(rect, color: fill)
        canvas.stroke(rect, color: style.backgroundColor, width: 1)

        let textColor = fill.relativeLuminance > Self.darkTextLuminanceThreshold
            ? RGBColor(hex: 0x000000) : RGBColor(hex: 0xFFFFFF)
        let valueText = NiceTicks.format(cell.value, fractionDigits: fractionDigits)
        let intervalText = "[" + NiceTicks.format(cell.lower, fractionDigits: fractionDigits) + ", "
            + NiceTicks.format(cell.upper, fractionDigits: fractionDigits) + "]"
        let intervalFontSize = fittingFontSize(intervalText, width: rect.width - 2 * AxisRenderer.gap,
                                               preferred: style.annotationFontSize * 0.9, canvas: canvas)
        canvas.drawText(valueText, at: Point(x: rect.midX, y: rect.midY), fontSize: style.annotationFontSize,
                        color: textColor, bold: true, horizontal: .center, vertical: .bottom)
        canvas.drawText(intervalText, at: Point(x: rect.midX, y: rect.midY + 1), fontSize: intervalFontSize,
                        color: textColor, horizontal: .center, vertical: .top)
    }

    /// `preferred`, or a smaller size down to the minimum, at which `text` fits in `width`.
    private func fittingFontSize(_ text: String, width: Double, preferred: Double, canvas: CairoCanvas) -> Double {
        let natural = canvas.textWidth(text, fontSize: preferred)
        guard natural > width else { return preferred }
        return max(Self.minimumIntervalFontSize, preferred * width / natural)
    }

    private func drawGridLabels(grid: Rect, cellWidth: Double, cellHeight: Double, canvas: CairoCanvas,
                                style: ChartStyle) {
        for (index, name) in rowNames.enumerated() {
            let y = grid.minY + (Double(index) + 0.5) * cellHeight
            canvas.drawText(name, at: Point(x: grid.minX - AxisRenderer.gap, y: y), fontSize: style.tickFontSize,
                            color: style.textColor, horizontal: .trailing, vertical: .center)
        }
        for (index, name) in columnNames.enumerated() {
            let x = grid.minX + (Double(index) + 0.5) * cellWidth
            canvas.drawText(name, at: Point(x: x, y: grid.maxY + AxisRenderer.gap), fontSize: style.tickFontSize,
                            color: style.textColor, horizontal: .center, vertical: .top)
        }
        let rowNameWidth = rowNames.map { canvas.textWidth($0, fontSize: style.tickFontSize) }.max()!
        canvas.drawText(rowLabel, at: Point(x: grid.minX - 2 * AxisRenderer.gap - rowNameWidth, y: grid.midY),
                        fontSize: style.axisLabelFontSize, color: style.textColor, horizontal: .center,
                        vertical: .bottom, angle: -Double.pi / 2)
        let columnTitleY = grid.maxY + 2 * AxisRenderer.gap + canvas.lineHeight(fontSize: style.tickFontSize)
        canvas.drawText(columnLabel, at: Point(x: grid.midX, y: columnTitleY), fontSize: style.axisLabelFontSize,
                        color: style.textColor, horizontal: .center, vertical: .top)
    }

    /// Draws a vertical gradient from the smallest value (bottom) to the largest (top), with ticks
    /// at the nice values inside that range.
    private func drawColorBar(_ bar: Rect, axis: NumericAxis, colorDomain: (lower: Double, upper: Double),
                              canvas: CairoCanvas, style: ChartStyle) {
        let stripCount = max(1, Int(bar.height.rounded()))
        let stripHeight = bar.height / Double(stripCount)
        for strip in 0..<stripCount {
            let fraction = (Double(strip) + 0.5) / Double(stripCount)
            // The strip overlaps its neighbour by a quarter point so no background shows between strips.
            canvas.fill(Rect(x: bar.minX, y: bar.maxY - Double(strip + 1) * stripHeight, width: bar.width,
                             height: stripHeight + 0.25), color: SequentialColorMap.viridis.color(at: fraction))
        }

        let scale = LinearScale(domainLower: colorDomain.lower, domainUpper: colorDomain.upper,
                                rangeStart: bar.maxY, rangeEnd: bar.minY)
        let insideTicks = axis.ticks.values.filter { $0 >= colorDomain.lower && $0 <= colorDomain.upper }
        for value in insideTicks {
            let y = scale(value)
            canvas.strokeLine(from: Point(x: bar.maxX, y: y), to: Point(x: bar.maxX + AxisRenderer.tickLength, y: y),
                              color: style.axisColor, width: 1)
            canvas.drawText(axis.ticks.label(value), at: Point(x: bar.maxX + AxisRenderer.tickLength + AxisRenderer.gap, y: y),
                            fontSize: style.tickFontSize, color: style.textColor, vertical: .center)
        }
        let widest = axis.tickLabels.map { canvas.textWidth($0, fontSize: style.tickFontSize) }.max() ?? 0
        let titleX = bar.maxX + AxisRenderer.tickLength + 2 * AxisRenderer.gap + widest
        canvas.drawText(axis.label, at: Point(x: titleX, y: bar.midY), fontSize: style.axisLabelFontSize,
                        color: style.textColor, horizontal: .center, vertical: .bottom, angle: Double.pi / 2)
    }
}
