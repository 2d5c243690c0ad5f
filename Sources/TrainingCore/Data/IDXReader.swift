import Foundation

/// Reads the IDX files of MNIST and Fashion-MNIST, raw or gzip-compressed.
///
/// An IDX file starts with two zero bytes, a type code (0x08 for unsigned bytes, the only
/// type these data sets use), the number of dimensions, then each dimension as a big-endian
/// UInt32, then the data. So images start with magic 0x00000803 and `[N, H, W]`, labels with
/// 0x00000801 and `[N]`.
public enum IDXReader {
    static let imageMagic: UInt32 = 0x0000_0803
    static let labelMagic: UInt32 = 0x0000_0801

    /// Reads a file's bytes, decompressing it when it starts with the gzip magic number.
    static func contents(of path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError.fileNotFound(path: path, hint: "check the data directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadableFile(path: path, reason: "permission denied or not a regular file")
        }
        let bytes = [UInt8](data)
        return Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, file: path) : bytes
    }

    /// Reads an image file into `(count, height, width, pixels)`, pixels as `[N, H, W]`.
    public static func readImages(path: String) throws -> (count: Int, height: Int, width: Int, pixels: [UInt8]) {
        let bytes = try contents(of: path)
        let dimensions = try header(bytes, file: path, magic: imageMagic, dimensionCount: 3)
        try checkLength(bytes, file: path, expected: headerSize(dimensionCount: 3) + dimensions.reduce(1, *))
        return (dimensions[0], dimensions[1], dimensions[2], Array(bytes[headerSize(dimensionCount: 3)...]))
    }

    /// Reads a label file; every label must lie in `0..<classCount`.
    public static func readLabels(path: String, classCount: Int) throws -> [Int] {
        let bytes = try contents(of: path)
        let dimensions = try header(bytes, file: path, magic: labelMagic, dimensionCount: 1)
        let start = headerSize(dimensionCount: 1)
        try checkLength(bytes, file: path, expected: start + dimensions[0])
        var labels = [Int]()
        labels.reserveCapacity(dimensions[0])
        for index in 0..<dimensions[0] {
            let label = Int(bytes[start + index])
            guard label < classCount else {
                throw DataError.labelOutOfRange(file: path, index: index, label: label, classCount: classCount)
            }
            labels.append(label)
        }
        return labels
    }

    /// Reads a matching pair of image and label files into one split.
    public static func readDataset(
        name: String, split: String, imagesPath: String, labelsPath: String, classNames: [String]
    ) throws -> Dataset {
        let images = try readImages(path: imagesPath)
        let labels = try readLabels(path: labelsPath, classCount: classNames.count)
        guard labels.count == images.count else {
            throw DataError.countMismatch(
                file: labelsPath, expected: images.count,
                actual: "\(labels.count) labels (\(imagesPath) has \(images.count) images)")
        }
        return Dataset(
            name: name, split: split, channels: 1, height: images.height, width: images.width,
            pixels: images.pixels, labels: labels, classNames: classNames)
    }

    private static func headerSize(dimensionCount: Int) -> Int {
        4 + 4 * dimensionCount
    }

    private static func header(_ bytes: [UInt8], file: String, magic: UInt32, dimensionCount: Int) throws -> [Int] {
        guard bytes.count >= 4 else {
            throw DataError.truncated(file: file, expectedBytes: 4, actualBytes: bytes.count)
        }
        let found = bigEndianWord(bytes, at: 0)
        guard found == magic else {
            throw DataError.wrongMagic(file: file, expected: hexWord(magic), actual: hexWord(found))
        }
        let size = headerSize(dimensionCount: dimensionCount)
        guard bytes.count >= size else {
            throw DataError.truncated(file: file, expectedBytes: size, actualBytes: bytes.count)
        }
        return (0..<dimensionCount).map { Int(bigEndianWord(bytes, at: 4 + 4 * $0)) }
    }

    private static func checkLength(_ bytes: [UInt8], file: String, expected: Int) throws {
        guard bytes.count >= expected else {
            throw DataError.truncated(file: file, expectedBytes: expected, actualBytes: bytes.count)
        }
        guard bytes.count == expected else {
            throw DataError.malformed(
                file: file, offset: expected, expected: "the end of the file (\(expected) bytes)",
                actual: "\(bytes.count - expected) more bytes")
        }
    }

    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    private static func hexWord(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
