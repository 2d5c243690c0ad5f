/// A chart that renders itself as a PNG with text chunks for its title and provenance.
///
/// The same chart, style and metadata always give the same bytes on one machine. A different
/// cairo, FreeType or DejaVu version may move antialiased text pixels.
public protocol Chart: Sendable {
    /// The heading drawn above the chart and stored in the PNG's Title chunk.
    var title: String { get }
    /// The size in points; the PNG is `size` times `style.scaleFactor` pixels.
    var size: ChartSize { get }

    /// Draws the chart and encodes it; throws `PlottingError` on invalid data or a failure of
    /// cairo or libpng.
    func renderPNG(style: ChartStyle, metadata: ChartMetadata) throws -> [UInt8]
}
