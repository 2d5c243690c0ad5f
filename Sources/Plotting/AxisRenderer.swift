import Foundation

/// A numeric axis: its ticks, its title, and the colour of its labels.
struct NumericAxis {
    var ticks: NiceTicks
    var label: String
    /// Nil uses the style's text colour; a two-axis chart colours each axis like its series.
    var labelColor: RGBColor? = nil

    var tickLabels: [String] { ticks.values.map(ticks.label) }
}

/// Measures and draws axes, tick labels, axis titles and grid lines around a plot area.
enum AxisRenderer {
    static let tickLength = 5.0
    static let gap = 4.0
    /// Category labels wider than their slot are turned by this angle (radians, counter-clockwise).
    static let categoryLabelAngle = 35.0 * Double.pi / 180

    // MARK: Measuring

    /// Measures the width a vertical axis needs beside the plot area for tick marks, tick labels
    /// and title.
    static func verticalAxisWidth(_ axis: NumericAxis, canvas: CairoCanvas, style: ChartStyle) -> Double {
        let widest = axis.tickLabels.map { canvas.textWidth($0, fontSize: style.tickFontSize) }.max() ?? 0
        return tickLength + gap + widest + gap + canvas.lineHeight(fontSize: style.axisLabelFontSize)
    }

    /// Measures the space above the plot area that the top tick label of a vertical axis needs,
    /// because that label is centred on the plot's top edge.
    static func topTickOverhang(canvas: CairoCanvas, style: ChartStyle) -> Double {
        canvas.lineHeight(fontSize: style.tickFontSize) / 2
    }

    /// Measures the height a horizontal numeric axis needs below the plot area.
    static func horizontalAxisHeight(canvas: CairoCanvas, style: ChartStyle) -> Double {
        tickLength + gap + canvas.lineHeight(fontSize: style.tickFontSize) + gap
            + canvas.lineHeight(fontSize: style.axisLabelFontSize)
    }

    /// Whether category labels must be turned to fit slots `slotWidth` points wide.
    static func categoryLabelsNeedTurning(_ names: [String], slotWidth: Double, canvas: CairoCanvas,
                                          style: ChartStyle) -> Bool {
        let widest = names.map { canvas.textWidth($0, fontSize: style.tickFontSize) }.max() ?? 0
        return widest > slotWidth - 2 * gap
    }

    /// Measures the height below the plot area and the overhang left of it that category labels need.
    static func categoryAxisExtent(_ names: [String], turned: Bool, canvas: CairoCanvas,
                                   style: ChartStyle) -> (height: Double, leftOverhang: Double) {
        let lineHeight = canvas.lineHeight(fontSize: style.tickFontSize)
        let titleHeight = gap + canvas.lineHeight(fontSize: style.axisLabelFontSize)
        guard turned else { return (tickLength + gap + lineHeight + titleHeight, 0) }
        let widest = names.map { canvas.textWidth($0, fontSize: style.tickFontSize) }.max() ?? 0
        let height = widest * sin(categoryLabelAngle) + lineHeight * cos(categoryLabelAngle)
        return (tickLength + gap + height + titleHeight, widest * cos(categoryLabelAngle))
    }

    // MARK: Drawing

    static func drawHorizontalGrid(_ axis: NumericAxis, scale: LinearScale, plot: Rect, canvas: CairoCanvas,
                                   style: ChartStyle) {
        for value in axis.ticks.values {
            let y = scale(value)
            canvas.strokeLine(from: Point(x: plot.minX, y: y), to: Point(x: plot.maxX, y: y),
                              color: style.gridColor, width: 1)
        }
    }

    static func drawVerticalGrid(_ axis: NumericAxis, scale: LinearScale, plot: Rect, canvas: CairoCanvas,
                                 style: ChartStyle) {
        for value in axis.ticks.values {
            let x = scale(value)
            canvas.strokeLine(from: Point(x: x, y: plot.minY), to: Point(x: x, y: plot.maxY),
                              color: style.gridColor, width: 1)
        }
    }

    /// Draws a vertical axis on the plot's left edge, or on its right edge when `onRight`.
    static func drawVerticalAxis(_ axis: NumericAxis, scale: LinearScale, plot: Rect, onRight: Bool = false,
                                 canvas: CairoCanvas, style: ChartStyle) {
        let x = onRight ? plot.maxX : plot.minX
        let direction = onRight ? 1.0 : -1.0
        let color = axis.labelColor ?? style.textColor
        canvas.strokeLine(from: Point(x: x, y: plot.minY), to: Point(x: x, y: plot.maxY),
                          color: style.axisColor, width: 1)

        var widest = 0.0
        for (value, label) in zip(axis.ticks.values, axis.tickLabels) {
            let y = scale(value)
            canvas.strokeLine(from: Point(x: x, y: y), to: Point(x: x + direction * tickLength, y: y),
                              color: style.axisColor, width: 1)
            canvas.drawText(label, at: Point(x: x + direction * (tickLength + gap), y: y),
                            fontSize: style.tickFontSize, color: color,
                            horizontal: onRight ? .leading : .trailing, vertical: .center)
            widest = max(widest, canvas.textWidth(label, fontSize: style.tickFontSize))
        }

        // The title reads bottom to top on the left and top to bottom on the right.
        let titleX = x + direction * (tickLength + gap + widest + gap)
        canvas.drawText(axis.label, at: Point(x: titleX, y: plot.midY), fontSize: style.axisLabelFontSize,
                        color: color, horizontal: .center, vertical: .bottom,
                        angle: onRight ? Double.pi / 2 : -Double.pi / 2)
    }

    static func drawHorizontalAxis(_ axis: NumericAxis, scale: LinearScale, plot: Rect, canvas: CairoCanvas,
                                   style: ChartStyle) {
        canvas.strokeLine(from: Point(x: plot.minX, y: plot.maxY), to: Point(x: plot.maxX, y: plot.maxY),
                          color: style.axisColor, width: 1)
        for (value, label) in zip(axis.ticks.values, axis.tickLabels) {
            let x = scale(value)
            canvas.strokeLine(from: Point(x: x, y: plot.maxY), to: Point(x: x, y: plot.maxY + tickLength),
                              color: style.axisColor, width: 1)
            canvas.drawText(label, at: Point(x: x, y: plot.maxY + tickLength + gap), fontSize: style.tickFontSize,
                            color: style.textColor, horizontal: .center, vertical: .top)
        }
        let titleY = plot.maxY + tickLength + gap + canvas.lineHeight(fontSize: style.tickFontSize) + gap
        canvas.drawText(axis.label, at: Point(x: plot.midX, y: titleY), fontSize: style.axisLabelFontSize,
                        color: style.textColor, horizontal: .center, vertical: .top)
    }

    /// Draws category names under the slots centred at `centers`, turned when `turned`.
    static func drawCategoryAxis(_ names: [String], centers: [Double], title: String, turned: Bool, plot: Rect,
                                 canvas: CairoCanvas, style: ChartStyle) {
        canvas.strokeLine(from: Point(x: plot.minX, y: plot.maxY), to: Point(x: plot.maxX, y: plot.maxY),
                          color: style.axisColor, width: 1)
        let labelY = plot.maxY + tickLength + gap
        for (name, x) in zip(names, centers) {
            canvas.strokeLine(from: Point(x: x, y: plot.maxY), to: Point(x: x, y: plot.maxY + tickLength),
                              color: style.axisColor, width: 1)
            if turned {
                canvas.drawText(name, at: Point(x: x, y: labelY), fontSize: style.tickFontSize,
                                color: style.textColor, horizontal: .trailing, vertical: .top,
                                angle: -categoryLabelAngle)
            } else {
                canvas.drawText(name, at: Point(x: x, y: labelY), fontSize: style.tickFontSize,
                                color: style.textColor, horizontal: .center, vertical: .top)
            }
        }
        let extent = categoryAxisExtent(names, turned: turned, canvas: canvas, style: style)
        let titleY = plot.maxY + extent.height - canvas.lineHeight(fontSize: style.axisLabelFontSize)
        canvas.drawText(title, at: Point(x: plot.midX, y: titleY), fontSize: style.axisLabelFontSize,
                        color: style.textColor, horizontal: .center, vertical: .top)
    }
}
