/// A row of legend entries placed above the plot area, wrapped onto more rows when they do not
/// fit, so the legend never covers data.
struct Legend {
    enum Symbol {
        /// A line with a translucent band behind it: a mean and its confidence band.
        case lineWithBand
        case line
        case dashedLine
        case dot
        case square
        /// A translucent block with a solid outline: a histogram series.
        case outlinedBlock
    }

    struct Entry {
        var name: String
        var color: RGBColor
        var symbol: Symbol
    }

    var entries: [Entry]

    private static let symbolWidth = 22.0
    private static let symbolGap = 6.0
    private static let entryGap = 18.0
    private static let rowGap = 4.0

    /// Measures the legend laid out in `width` points, including the space below it. The
    /// height is zero when there are no entries.
    func height(width: Double, canvas: CairoCanvas, style: ChartStyle) -> Double {
        guard !entries.isEmpty else { return 0 }
        let rowCount = rows(width: width, canvas: canvas, style: style).count
        let lineHeight = canvas.lineHeight(fontSize: style.annotationFontSize)
        return Double(rowCount) * (lineHeight + Self.rowGap) + style.margin / 2
    }

    /// Draws the legend's rows centred in `rect`, starting at its top.
    func draw(in rect: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let lineHeight = canvas.lineHeight(fontSize: style.annotationFontSize)
        var y = rect.minY
        for row in rows(width: rect.width, canvas: canvas, style: style) {
            let rowWidth = row.map(\.width).reduce(0, +) + Self.entryGap * Double(row.count - 1)
            var x = rect.midX - rowWidth / 2
            let centerY = y + lineHeight / 2
            for (entry, width) in row {
                drawSymbol(entry, in: Rect(x: x, y: centerY - lineHeight / 2, width: Self.symbolWidth,
                                           height: lineHeight), canvas: canvas, style: style)
                canvas.drawText(entry.name, at: Point(x: x + Self.symbolWidth + Self.symbolGap, y: centerY),
                                fontSize: style.annotationFontSize, color: style.textColor, vertical: .center)
                x += width + Self.entryGap
            }
            y += lineHeight + Self.rowGap
        }
    }

    /// Entries with their widths, greedily packed into rows no wider than `width`.
    private func rows(width: Double, canvas: CairoCanvas, style: ChartStyle) -> [[(entry: Entry, width: Double)]] {
        var rows: [[(entry: Entry, width: Double)]] = [[]]
        var used = 0.0
        for entry in entries {
            let entryWidth = Self.symbolWidth + Self.symbolGap
                + canvas.textWidth(entry.name, fontSize: style.annotationFontSize)
            let needed = rows[rows.count - 1].isEmpty ? entryWidth : used + Self.entryGap + entryWidth
            if needed > width && !rows[rows.count - 1].isEmpty {
                rows.append([(entry, entryWidth)])
                used = entryWidth
            } else {
                rows[rows.count - 1].append((entry, entryWidth))
                used = needed
            }
        }
        return rows
    }

    private func drawSymbol(_ entry: Entry, in rect: Rect, canvas: CairoCanvas, style: ChartStyle) {
        let left = Point(x: rect.minX, y: rect.midY)
        let right = Point(x: rect.maxX, y: rect.midY)
        let center = Point(x: rect.midX, y: rect.midY)
        switch entry.symbol {
        case .lineWithBand:
            canvas.fill(rect.inset(top: 2, bottom: 2), color: entry.color, opacity: style.bandOpacity)
            canvas.strokeLine(from: left, to: right, color: entry.color, width: style.lineWidth)
        case .line:
            canvas.strokeLine(from: left, to: right, color: entry.color, width: style.lineWidth)
            canvas.drawDot(at: center, radius: style.markerRadius, color: entry.color, outline: style.backgroundColor)
        case .dashedLine:
            canvas.strokeLine(from: left, to: right, color: entry.color, width: style.lineWidth,
                              dash: DiscriminabilityChart.sigmaDash)
            canvas.drawSquare(at: center, halfSide: style.markerRadius, color: entry.color)
        case .dot:
            canvas.drawDot(at: center, radius: style.markerRadius, color: entry.color, outline: style.backgroundColor)
        case .square:
            canvas.drawSquare(at: center, halfSide: style.markerRadius, color: entry.color)
        case .outlinedBlock:
            let block = rect.inset(top: 2, left: 3, bottom: 2, right: 3)
            canvas.fill(block, color: entry.color, opacity: style.bandOpacity)
            canvas.stroke(block, color: entry.color, width: 1.5)
        }
    }
}
