/// A chart that checks its data and then draws below the title, the two steps
/// `ChartRenderer.renderPNG(of:style:metadata:)` runs for every chart kind.
protocol ValidatedChart: Chart {
    /// Throws `PlottingError` naming the first invalid value.
    func validate() throws
    func draw(in content: Rect, canvas: CairoCanvas, style: ChartStyle)
}

/// Creates the canvas, paints the background and title, lets a chart draw into the space
/// below the title, and encodes the result with the metadata's text chunks.
enum ChartRenderer {
    /// Validates `chart`, then renders it below its title.
    static func renderPNG(of chart: some ValidatedChart, style: ChartStyle, metadata: ChartMetadata) throws -> [UInt8] {
        try chart.validate()
        return try renderPNG(title: chart.title, size: chart.size, style: style, metadata: metadata) { canvas, content in
            chart.draw(in: content, canvas: canvas, style: style)
        }
    }

    /// Cairo's image surfaces are limited to 32767 pixels a side.
    private static let maximumPixelSide = 32767.0

    static func renderPNG(title: String, size: ChartSize, style: ChartStyle, metadata: ChartMetadata,
                          draw: (CairoCanvas, Rect) throws -> Void) throws -> [UInt8] {
        for (name, side) in [("chart width", size.width), ("chart height", size.height)] {
            let pixels = side * style.scaleFactor
            guard side.isFinite, pixels >= 1, pixels <= maximumPixelSide else {
                throw PlottingError.invalidArgument(name: name, value: side,
                                                    expected: "a size that gives 1 to 32767 pixels at scale factor \(style.scaleFactor)")
            }
        }
        let canvas = try CairoCanvas(size: size, scaleFactor: style.scaleFactor, fontFamily: style.fontFamily)
        let page = Rect(x: 0, y: 0, width: size.width, height: size.height)
        canvas.fill(page, color: style.backgroundColor)

        let inner = page.inset(top: style.margin, left: style.margin, bottom: style.margin, right: style.margin)
        canvas.drawText(title, at: Point(x: inner.midX, y: inner.minY), fontSize: style.titleFontSize,
                        color: style.textColor, bold: true, horizontal: .center, vertical: .top)
        let titleHeight = canvas.lineHeight(fontSize: style.titleFontSize, bold: true)
        try draw(canvas, inner.inset(top: titleHeight + style.margin / 2))

        return try canvas.encodePNG(textChunks: metadata.textChunks(title: title))
    }
}
