import CCairo
import ImageIO

/// The module's only door to cairo: an ARGB32 image surface with a drawing context, addressed
/// in points and scaled to pixels by the style's scale factor.
///
/// Cairo errors are sticky: after one call fails, the context ignores the rest. Creation and
/// `encodePNG` check the status, so a failure anywhere in a chart surfaces as one
/// `PlottingError.cairoFailure`.
final class CairoCanvas {
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let fontFamily: String
    let pixelWidth: Int
    let pixelHeight: Int

    init(size: ChartSize, scaleFactor: Double, fontFamily: String) throws {
        pixelWidth = Int((size.width * scaleFactor).rounded())
        pixelHeight = Int((size.height * scaleFactor).rounded())
        self.fontFamily = fontFamily
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight))
        context = cairo_create(surface)
        try check(cairo_surface_status(surface), "cairo_image_surface_create")
        try check(cairo_status(context), "cairo_create")
        cairo_scale(context, scaleFactor, scaleFactor)
        try configureFontRendering()
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Grey-scale antialiasing without hinting: no subpixel colours in the PNG, and glyph
    /// shapes that do not depend on the scale factor's rounding.
    private func configureFontRendering() throws {
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        try check(cairo_font_options_status(options), "cairo_font_options_create")
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(context, options)
    }

    // MARK: Shapes

    func fill(_ rect: Rect, color: RGBColor, opacity: Double = 1) {
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        setSource(color, opacity: opacity)
        cairo_fill(context)
    }

    func stroke(_ rect: Rect, color: RGBColor, width: Double) {
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        setStroke(color: color, width: width, dash: [])
        cairo_stroke(context)
    }

    func strokeLine(from start: Point, to end: Point, color: RGBColor, width: Double, dash: [Double] = []) {
        strokePolyline([start, end], color: color, width: width, dash: dash)
    }

    func strokePolyline(_ points: [Point], color: RGBColor, width: Double, dash: [Double] = []) {
        guard points.count >= 2 else { return }
        tracePath(points)
        setStroke(color: color, width: width, dash: dash)
        cairo_stroke(context)
    }

    func fillPolygon(_ points: [Point], color: RGBColor, opacity: Double = 1) {
        guard points.count >= 3 else { return }
        tracePath(points)
        cairo_close_path(context)
        setSource(color, opacity: opacity)
        cairo_fill(context)
    }

    /// Draws a filled circle with a thin outline in the background colour, so overlapping dots
    /// stay countable.
    func drawDot(at center: Point, radius: Double, color: RGBColor, outline: RGBColor) {
        cairo_new_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        setSource(color, opacity: 1)
        cairo_fill_preserve(context)
        setStroke(color: outline, width: 0.8, dash: [])
        cairo_stroke(context)
    }

    func drawSquare(at center: Point, halfSide: Double, color: RGBColor) {
        fill(Rect(x: center.x - halfSide, y: center.y - halfSide, width: 2 * halfSide, height: 2 * halfSide),
             color: color)
    }

    /// Restricts drawing to `rect` while `body` runs.
    func withClip(to rect: Rect, _ body: () throws -> Void) rethrows {
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        defer { cairo_restore(context) }
        try body()
    }

    private func tracePath(_ points: [Point]) {
        cairo_new_path(context)
        cairo_move_to(context, points[0].x, points[0].y)
        for point in points.dropFirst() {
            cairo_line_to(context, point.x, point.y)
        }
    }

    private func setSource(_ color: RGBColor, opacity: Double) {
        cairo_set_source_rgba(context, Double(color.red) / 255, Double(color.green) / 255,
                              Double(color.blue) / 255, opacity)
    }

    private func setStroke(color: RGBColor, width: Double, dash: [Double]) {
        setSource(color, opacity: 1)
        cairo_set_line_width(context, width)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
    }

    // MARK: Text

    /// Draws one line of text with its anchor at `point`, turned by `angle` radians
    /// (positive turns clockwise, as y grows downwards) about the anchor.
    func drawText(_ text: String, at point: Point, fontSize: Double, color: RGBColor, bold: Bool = false,
                  horizontal: HorizontalAlignment = .leading, vertical: VerticalAlignment = .baseline,
                  angle: Double = 0) {
        selectFont(size: fontSize, bold: bold)
        let width = advance(of: text)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(context, &fontExtents)

        let dx: Double
        switch horizontal {
        case .leading: dx = 0
        case .center: dx = -width / 2
        case .trailing: dx = -width
        }
        let dy: Double
        switch vertical {
        case .top: dy = fontExtents.ascent
        case .center: dy = (fontExtents.ascent - fontExtents.descent) / 2
        case .baseline: dy = 0
        case .bottom: dy = -fontExtents.descent
        }

        cairo_save(context)
        cairo_translate(context, point.x, point.y)
        cairo_rotate(context, angle)
        cairo_move_to(context, dx, dy)
        setSource(color, opacity: 1)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    /// Measures the advance width of `text` in points.
    func textWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        selectFont(size: fontSize, bold: bold)
        return advance(of: text)
    }

    /// Measures the font's ascent plus descent in points, the height one line of text needs.
    func lineHeight(fontSize: Double, bold: Bool = false) -> Double {
        selectFont(size: fontSize, bold: bold)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(context, &fontExtents)
        return fontExtents.ascent + fontExtents.descent
    }

    private func selectFont(size: Double, bold: Bool) {
        cairo_select_font_face(context, fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    private func advance(of text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    // MARK: Output

    /// Encodes the surface as PNG, converting cairo's premultiplied native-endian ARGB32
    /// (bytes B, G, R, A on little-endian machines) to straight RGBA.
    func encodePNG(textChunks: [PNGTextChunk]) throws -> [UInt8] {
        try check(cairo_status(context), "drawing")
        cairo_surface_flush(surface)
        try check(cairo_surface_status(surface), "cairo_surface_flush")
        guard let data = cairo_image_surface_get_data(surface) else {
            throw PlottingError.cairoFailure(operation: "cairo_image_surface_get_data", message: "no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))

        var rgba = [UInt8](repeating: 0, count: pixelWidth * pixelHeight * 4)
        for row in 0..<pixelHeight {
            let rowStart = data.advanced(by: row * stride).withMemoryRebound(to: UInt32.self, capacity: pixelWidth) { $0 }
            for column in 0..<pixelWidth {
                let pixel = rowStart[column]
                let alpha = UInt32(pixel >> 24)
                let offset = (row * pixelWidth + column) * 4
                rgba[offset] = Self.unpremultiplied(pixel >> 16 & 0xFF, alpha: alpha)
                rgba[offset + 1] = Self.unpremultiplied(pixel >> 8 & 0xFF, alpha: alpha)
                rgba[offset + 2] = Self.unpremultiplied(pixel & 0xFF, alpha: alpha)
                rgba[offset + 3] = UInt8(alpha)
            }
        }
        do {
            return try PNGEncoder.encode(width: pixelWidth, height: pixelHeight, rgba: rgba, textChunks: textChunks)
        } catch let error as ImageIOError {
            throw PlottingError.encodingFailed(error)
        }
    }

    private static func unpremultiplied(_ channel: UInt32, alpha: UInt32) -> UInt8 {
        guard alpha > 0 else { return 0 }
        // Rounded division; premultiplied channels never exceed alpha, so the result fits.
        return UInt8(min(255, (channel * 255 + alpha / 2) / alpha))
    }

    private func check(_ status: cairo_status_t, _ operation: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        let message = String(cString: cairo_status_to_string(status))
        throw PlottingError.cairoFailure(operation: operation, message: message)
    }
}
