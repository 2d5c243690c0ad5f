/// Errors of PNG decoding and encoding: invalid data, invalid pixel buffers, invalid text
/// chunks and libpng failures.
public enum ImageIOError: Error, Equatable, CustomStringConvertible {
    /// libpng could not decode the data; `reason` is libpng's own text.
    case decodingFailed(reason: String)
    /// The width or height was zero, negative or larger than PNG allows (2^31 - 1).
    case invalidSize(width: Int, height: Int)
    /// The pixel buffer did not hold `width * height * 4` bytes.
    case pixelCountMismatch(expected: Int, actual: Int)
    /// A text chunk keyword broke the PNG rules: 1 to 79 printable Latin-1 characters,
    /// no leading, trailing or doubled space.
    case invalidKeyword(String)
    /// libpng's `png_image_write_to_memory` failed; `message` is libpng's own text.
    case libpngFailure(message: String)
    /// libpng's output did not start with the PNG signature and an IHDR chunk, so text
    /// chunks have nowhere to go.
    case malformedEncoderOutput(reason: String)

    public var description: String {
        switch self {
        case .decodingFailed(let reason):
            return "invalid PNG data: \(reason)"
        case .invalidSize(let width, let height):
            return "invalid PNG size \(width) x \(height): both sides must lie in 1...2147483647"
        case .pixelCountMismatch(let expected, let actual):
            return "the RGBA buffer holds \(actual) bytes, expected \(expected) (width * height * 4)"
        case .invalidKeyword(let keyword):
            return "invalid PNG text keyword \"\(keyword)\": use 1 to 79 printable Latin-1 "
                + "characters without leading, trailing or doubled spaces"
        case .libpngFailure(let message):
            return "libpng failed to encode the image: \(message)"
        case .malformedEncoderOutput(let reason):
            return "libpng returned an unexpected byte stream: \(reason)"
        }
    }
}
