import ImageIO
import PNGTestSupport
import Plotting

/// A region of a decoded image as fractions of its width and height, so one region serves
/// every scale factor.
struct FractionalRegion {
    var minX: Double
    var maxX: Double
    var minY: Double
    var maxY: Double
}

/// Counts the pixels in `region` within `tolerance` of `color` on every channel.
func pixelCount(of color: RGBColor, in image: DecodedPNG, region: FractionalRegion, tolerance: Int = 6) -> Int {
    let columns = Int(region.minX * Double(image.width))..<Int(region.maxX * Double(image.width))
    let rows = Int(region.minY * Double(image.height))..<Int(region.maxY * Double(image.height))
    var count = 0
    for row in rows {
        for column in columns {
            let offset = (row * image.width + column) * 4
            let channels = [color.red, color.green, color.blue]
            let matches = (0..<3).allSatisfy { abs(Int(image.rgba[offset + $0]) - Int(channels[$0])) <= tolerance }
            if matches { count += 1 }
        }
    }
    return count
}

/// Blends `color` at `opacity` over a white background, as cairo composites it.
func blendedOverWhite(_ color: RGBColor, opacity: Double) -> RGBColor {
    func blend(_ channel: UInt8) -> UInt8 { UInt8((255 * (1 - opacity) + Double(channel) * opacity).rounded()) }
    return RGBColor(red: blend(color.red), green: blend(color.green), blue: blend(color.blue))
}

/// Parses the Latin-1 `tEXt` and uncompressed UTF-8 `iTXt` chunks of a PNG, in file order.
func textChunks(of png: [UInt8]) throws -> [PNGTextChunk] {
    let latin1 = { (bytes: ArraySlice<UInt8>) in String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })) }
    return try storedChunks(of: png).compactMap { chunk -> PNGTextChunk? in
        guard chunk.type == "tEXt" || chunk.type == "iTXt" else { return nil }
        let separator = chunk.data.firstIndex(of: 0) ?? chunk.data.endIndex
        let keyword = latin1(chunk.data[..<separator])
        guard chunk.type == "iTXt" else {
            return PNGTextChunk(keyword: keyword, text: latin1(chunk.data[(separator + 1)...]))
        }
        // After the keyword's NUL: compression flag, method, then two NUL-terminated fields.
        var rest = chunk.data[(separator + 3)...]
        for _ in 0..<2 {
            rest = rest[((rest.firstIndex(of: 0) ?? rest.endIndex) + 1)...]
        }
        return PNGTextChunk(keyword: keyword, text: String(decoding: rest, as: UTF8.self))
    }
}
