/// Colours, fonts and sizes shared by every chart; sizes are in points, which the scale factor
/// turns into pixels.
public struct ChartStyle: Equatable, Sendable {
    /// Colours for series, groups and configurations, used in order and repeated when exhausted.
    public var palette: [RGBColor]
    /// A family that fontconfig resolves; cairo falls back to another font silently when it is
    /// missing, so a missing DejaVu Sans shows as golden-image mismatches.
    public var fontFamily: String
    public var titleFontSize: Double
    public var axisLabelFontSize: Double
    public var tickFontSize: Double
    /// Legends, cell texts and notes such as the run count of a learning curve.
    public var annotationFontSize: Double
    public var lineWidth: Double
    public var markerRadius: Double
    /// Opacity of confidence bands and histogram fills over the white background.
    public var bandOpacity: Double
    /// Space between the image border and any drawing.
    public var margin: Double
    public var backgroundColor: RGBColor
    public var textColor: RGBColor
    public var axisColor: RGBColor
    public var gridColor: RGBColor
    /// Pixels per point: 2 draws the same chart at twice the resolution for high-DPI screens.
    public var scaleFactor: Double

    public init(palette: [RGBColor] = ChartStyle.okabeIto, fontFamily: String = "DejaVu Sans",
                titleFontSize: Double = 16, axisLabelFontSize: Double = 13, tickFontSize: Double = 11,
                annotationFontSize: Double = 11, lineWidth: Double = 2, markerRadius: Double = 3.5,
                bandOpacity: Double = 0.22, margin: Double = 14,
                backgroundColor: RGBColor = RGBColor(hex: 0xFFFFFF), textColor: RGBColor = RGBColor(hex: 0x1A1A1A),
                axisColor: RGBColor = RGBColor(hex: 0x4D4D4D), gridColor: RGBColor = RGBColor(hex: 0xE3E3E3),
                scaleFactor: Double = 1) {
        precondition(!palette.isEmpty, "a chart style needs at least one palette colour")
        precondition(scaleFactor > 0 && scaleFactor.isFinite, "the scale factor must be a positive number")
        self.palette = palette
        self.fontFamily = fontFamily
        self.titleFontSize = titleFontSize
        self.axisLabelFontSize = axisLabelFontSize
        self.tickFontSize = tickFontSize
        self.annotationFontSize = annotationFontSize
        self.lineWidth = lineWidth
        self.markerRadius = markerRadius
        self.bandOpacity = bandOpacity
        self.margin = margin
        self.backgroundColor = backgroundColor
        self.textColor = textColor
        self.axisColor = axisColor
        self.gridColor = gridColor
        self.scaleFactor = scaleFactor
    }

    /// The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008), which stays
    /// distinguishable under the common colour-vision deficiencies. Black comes last because
    /// axes and text are near-black, and yellow late because it is faint on white.
    public static let okabeIto: [RGBColor] = [
        RGBColor(hex: 0xE69F00),  // orange
        RGBColor(hex: 0x56B4E9),  // sky blue
        RGBColor(hex: 0x009E73),  // bluish green
        RGBColor(hex: 0x0072B2),  // blue
        RGBColor(hex: 0xD55E00),  // vermillion
        RGBColor(hex: 0xCC79A7),  // reddish purple
        RGBColor(hex: 0xF0E442),  // yellow
        RGBColor(hex: 0x000000),  // black
    ]

    public static let standard = ChartStyle()

    /// Picks the palette colour for the series or group at `index`, cycling through the palette.
    public func color(at index: Int) -> RGBColor {
        palette[index % palette.count]
    }
}
