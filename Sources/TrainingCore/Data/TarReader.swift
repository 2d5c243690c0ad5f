import Foundation

/// Reads the entries of an uncompressed tar archive (ustar, GNU and pax variants).
///
/// Supports what archives of data sets contain: regular files and directories, with long
/// names in pax `path` records or GNU `L` entries. Links and device files are rejected, as
/// are absolute paths and `..` components, so extraction stays inside its target directory.
public enum TarReader {
    public struct Entry: Sendable, Equatable {
        /// The relative path inside the archive, with `/` separators.
        public let path: String
        public let isDirectory: Bool
        public let contents: [UInt8]
    }

    static let blockSize = 512

    /// Parses `bytes`; `file` names the archive in errors.
    public static func entries(of bytes: [UInt8], file: String) throws -> [Entry] {
        var entries = [Entry]()
        var offset = 0
        var pendingLongName: String?
        while offset + blockSize <= bytes.count {
            let header = Array(bytes[offset..<(offset + blockSize)])
            if header.allSatisfy({ $0 == 0 }) {
                return entries
            }
            try verifyChecksum(header, file: file, offset: offset)

            let size = try octal(header[124..<136], file: file, offset: offset + 124)
            let dataStart = offset + blockSize
            guard size <= bytes.count - dataStart else {
                throw DataError.truncated(file: file, expectedBytes: dataStart + size, actualBytes: bytes.count)
            }
            let data = Array(bytes[dataStart..<(dataStart + size)])
            let headerOffset = offset
            offset = dataStart + (size + blockSize - 1) / blockSize * blockSize

            let type = header[156]
            switch type {
            case UInt8(ascii: "x"):
                pendingLongName = paxPath(data) ?? pendingLongName
                continue
            case UInt8(ascii: "L"):
                pendingLongName = String(decoding: data.prefix(while: { $0 != 0 }), as: UTF8.self)
                continue
            case UInt8(ascii: "g"):
                continue
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"), UInt8(ascii: "5"):
                break
            default:
                throw DataError.invalidContent(
                    file: file, expected: "regular files and directories only",
                    actual: "entry type '\(Character(UnicodeScalar(type)))' at byte \(headerOffset)")
            }

            let path = pendingLongName ?? headerPath(header)
            pendingLongName = nil
            try checkSafe(path, file: file, offset: headerOffset)
            entries.append(Entry(path: path, isDirectory: type == UInt8(ascii: "5"), contents: data))
        }
        // Without the closing zero blocks, the archive must end exactly after the last entry.
        guard offset == bytes.count else {
            throw DataError.truncated(file: file, expectedBytes: offset + blockSize, actualBytes: bytes.count)
        }
        return entries
    }

    /// The ustar name, prefixed by the ustar `prefix` field when the magic field is ustar.
    private static func headerPath(_ header: [UInt8]) -> String {
        let name = cString(header[0..<100])
        let isUstar = header[257..<262].elementsEqual("ustar".utf8)
        let prefix = isUstar ? cString(header[345..<500]) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The `path` value of pax extended-header records `"<length> <key>=<value>\n"`.
    private static func paxPath(_ data: [UInt8]) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        for record in text.split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let field = record[record.index(after: space)...]
            if field.hasPrefix("path=") {
                return String(field.dropFirst("path=".count))
            }
        }
        return nil
    }

    private static func checkSafe(_ path: String, file: String, offset: Int) throws {
        let components = path.split(separator: "/")
        if path.hasPrefix("/") || components.contains("..") || components.isEmpty {
            throw DataError.unsafeArchivePath(file: file, offset: offset, path: path)
        }
    }

    /// The header checksum: the byte sum of the header with its checksum field read as spaces.
    private static func verifyChecksum(_ header: [UInt8], file: String, offset: Int) throws {
        let stored = try octal(header[148..<156], file: file, offset: offset + 148)
        var sum = 0
        for (index, byte) in header.enumerated() {
            sum += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte)
        }
        guard sum == stored else {
            throw DataError.malformed(
                file: file, offset: offset, expected: "a tar header with checksum \(stored)", actual: "checksum \(sum)")
        }
    }

    /// An octal number field padded with spaces or NULs; GNU's base-256 form when the high
    /// bit of the first byte is set.
    private static func octal(_ field: ArraySlice<UInt8>, file: String, offset: Int) throws -> Int {
        if let first = field.first, first & 0x80 != 0 {
            return field.dropFirst().reduce(Int(first & 0x7f)) { $0 << 8 | Int($1) }
        }
        let digits = field.prefix(while: { $0 != 0 }).filter { $0 != UInt8(ascii: " ") }
        guard let value = Int(String(decoding: digits, as: UTF8.self), radix: 8) else {
            throw DataError.malformed(
                file: file, offset: offset, expected: "an octal number in a tar header",
                actual: "'\(String(decoding: digits, as: UTF8.self))'")
        }
        return value
    }

    private static func cString(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
}
