import Foundation
import ImageIO
import Testing

/// The fixtures are minimal PNGs written by Tests/TrainingCoreTests/Fixtures/Data/make_fixtures.py.
@Suite struct PNGImageTests {
    func fixture(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw ImageIOError.decodingFailed(reason: "fixture \(name) missing from the test bundle")
        }
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func decodesRGB() throws {
        let image = try PNGImage(decoding: try fixture("rgb-3x2.png"), channels: 3)
        #expect(image.width == 3)
        #expect(image.height == 2)
        #expect(image.pixels == [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128])
    }

    @Test func decodesGray() throws {
        let image = try PNGImage(decoding: try fixture("gray-2x2.png"), channels: 1)
        #expect(image.pixels == [0, 64, 128, 255])
    }

    @Test func expandsGrayToRGB() throws {
        let image = try PNGImage(decoding: try fixture("gray-2x2.png"), channels: 3)
        #expect(image.pixels == [0, 0, 0, 64, 64, 64, 128, 128, 128, 255, 255, 255])
    }

    @Test func compositesAlphaOntoBlack() throws {
        let rgba = try PNGImage(decoding: try fixture("rgba-2x1.png"), channels: 4)
        #expect(rgba.pixels == [255, 255, 255, 255, 255, 255, 255, 0])
        let rgb = try PNGImage(decoding: try fixture("rgba-2x1.png"), channels: 3)
        #expect(rgb.pixels == [255, 255, 255, 0, 0, 0])
    }

    /// libpng's simplified API reads 16-bit samples as linear light and writes 8-bit output
    /// in sRGB: 0x1234 / 65535 = 0.0711 linear is 0.296 in sRGB, 75.4 of 255, stored as 76.
    @Test func convertsSixteenBitLinearToSRGB() throws {
        let image = try PNGImage(decoding: try fixture("gray16-1x1.png"), channels: 1)
        #expect(image.pixels == [76])
    }

    @Test func rejectsNonPNGWithMessage() {
        #expect(throws: ImageIOError.self) {
            _ = try PNGImage(decoding: Array("not a png".utf8), channels: 3)
        }
    }

    @Test func rejectsTruncatedPNG() throws {
        let bytes = try fixture("rgb-3x2.png")
        #expect(throws: ImageIOError.self) {
            _ = try PNGImage(decoding: Array(bytes.prefix(40)), channels: 3)
        }
    }
}
