import Foundation

/// A safetensors file in memory: an 8-byte little-endian header length, a JSON header
/// (`{"NAME": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...,
/// "__metadata__": {"key": "value"}}`) and the tensors' little-endian bytes.
///
/// Reading validates every entry against the file: known dtype, non-negative shape,
/// offsets inside the data section, a byte count that matches the shape, and no overlap.
/// Writing sorts tensors by name and pads the header with spaces to 8 bytes, as the
/// reference Python writer does.
public struct SafeTensors: Sendable {
    public enum DType: String, Sendable, CaseIterable {
        case float64 = "F64", float32 = "F32", float16 = "F16", bfloat16 = "BF16"
        case int64 = "I64", int32 = "I32", int16 = "I16", int8 = "I8"
        case uint8 = "U8", bool = "BOOL"

        public var byteCount: Int {
            switch self {
            case .float64, .int64: return 8
            case .float32, .int32: return 4
            case .float16, .bfloat16, .int16: return 2
            case .int8, .uint8, .bool: return 1
            }
        }
    }

    /// One stored tensor: its type, shape and raw little-endian bytes.
    public struct Entry: Sendable {
        public let dtype: DType
        public let shape: [Int]
        public let bytes: Data

        public var elementCount: Int { shape.reduce(1, *) }
    }

    /// Free-form string pairs of the header's `__metadata__` object.
    public var metadata: [String: String]
    public private(set) var entries: [String: Entry]

    /// Names in sorted order.
    public var names: [String] { entries.keys.sorted() }

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
        self.entries = [:]
    }

    /// Reads and validates the file at `url`.
    public init(contentsOf url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CheckpointError.unreadableFile(path: url.path, reason: "file not found")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CheckpointError.unreadableFile(path: url.path, reason: ErrorText.describe(error))
        }
        try self.init(data: data, source: url.path)
    }

    /// Parses and validates safetensors bytes; `source` names them in errors.
    public init(data: Data, source: String) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw CheckpointError.truncated(path: source, offset: bytes.count,
                                            expected: "an 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for index in (0..<8).reversed() {
            headerLength = headerLength << 8 | UInt64(bytes[index])
        }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw CheckpointError.truncated(
                path: source, offset: bytes.count,
                expected: "a JSON header of \(headerLength) bytes after offset 8 "
                    + "(the file is truncated, or it is not a safetensors file)")
        }
        let dataStart = 8 + Int(headerLength)
        let header: Any
        do {
            header = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        } catch {
            throw CheckpointError.malformedHeader(path: source, offset: 8, reason: "header is not valid JSON")
        }
        guard let object = header as? [String: Any] else {
            throw CheckpointError.malformedHeader(path: source, offset: 8, reason: "header is not a JSON object")
        }

        metadata = [:]
        entries = [:]
        if let rawMetadata = object["__metadata__"] {
            guard let pairs = rawMetadata as? [String: Any] else {
                throw CheckpointError.malformedHeader(path: source, offset: 8,
                                                      reason: "__metadata__ is not an object")
            }
            for (key, value) in pairs {
                guard let text = value as? String else {
                    throw CheckpointError.malformedHeader(
                        path: source, offset: 8, reason: "__metadata__.\(key) is not a string")
                }
                metadata[key] = text
            }
        }

        let dataLength = bytes.count - dataStart
        var ranges: [(range: Range<Int>, name: String)] = []
        for (name, value) in object where name != "__metadata__" {
            let entry = try Self.parseEntry(name: name, value: value, dataStart: dataStart, dataLength: dataLength,
                                            source: source)
            ranges.append((entry.range, name))
            entries[name] = Entry(dtype: entry.dtype, shape: entry.shape,
                                  bytes: Data(bytes[(dataStart + entry.range.lowerBound)..<(dataStart + entry.range.upperBound)]))
        }
        ranges.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.range.lowerBound < previous.range.upperBound {
            throw CheckpointError.malformedHeader(
                path: source, offset: dataStart + next.range.lowerBound,
                reason: "tensor '\(next.name)' overlaps tensor '\(previous.name)'")
        }
    }

    private static func parseEntry(name: String, value: Any, dataStart: Int, dataLength: Int, source: String) throws
        -> (dtype: DType, shape: [Int], range: Range<Int>) {
        func malformed(_ reason: String) -> CheckpointError {
            .malformedHeader(path: source, offset: 8, reason: "tensor '\(name)': \(reason)")
        }
        guard let fields = value as? [String: Any] else { throw malformed("entry is not an object") }
        guard let dtypeName = fields["dtype"] as? String else { throw malformed("missing dtype") }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw malformed("unknown dtype \(dtypeName); expected one of "
                            + DType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let rawShape = fields["shape"] as? [Any] else { throw malformed("missing shape") }
        let shape = try rawShape.map { dimension -> Int in
            guard let number = dimension as? NSNumber, let size = Int(exactly: number.doubleValue), size >= 0 else {
                throw malformed("shape \(rawShape) has an entry that is not a non-negative integer")
            }
            return size
        }
        guard let offsets = fields["data_offsets"] as? [Any], offsets.count == 2,
              let begin = (offsets[0] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
              let end = (offsets[1] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
              0 <= begin, begin <= end else {
            throw malformed("data_offsets must be two integers with 0 <= begin <= end")
        }
        guard end <= dataLength else {
            throw CheckpointError.truncated(
                path: source, offset: dataStart + dataLength,
                expected: "tensor '\(name)' to end at byte offset \(dataStart + end)")
        }
        let expectedBytes = shape.reduce(1, *) * dtype.byteCount
        guard end - begin == expectedBytes else {
            throw malformed("shape \(shape) of \(dtypeName) needs \(expectedBytes) bytes, data_offsets give \(end - begin)")
        }
        return (dtype, shape, begin..<end)
    }
}

extension SafeTensors {
    /// Returns the float32 tensor `name`, or throws naming it if it is absent or of another dtype.
    public func tensor(_ name: String) throws -> Tensor {
        let entry = try self.entry(name)
        guard entry.dtype == .float32 else {
            throw CheckpointError.wrongDType(name: name, expected: "F32", actual: entry.dtype.rawValue)
        }
        var scalars = [Float](repeating: 0, count: entry.elementCount)
        scalars.withUnsafeMutableBytes { target in
            entry.bytes.withUnsafeBytes { source in
                target.copyMemory(from: source)
            }
        }
        // The format is little-endian, as is every platform Swift runs on.
        return Tensor(shape: entry.shape, scalars: scalars)
    }

    /// Returns the int64 tensor `name` as a flat array.
    public func int64s(_ name: String) throws -> [Int64] {
        let entry = try self.entry(name)
        guard entry.dtype == .int64 else {
            throw CheckpointError.wrongDType(name: name, expected: "I64", actual: entry.dtype.rawValue)
        }
        var values = [Int64](repeating: 0, count: entry.elementCount)
        values.withUnsafeMutableBytes { target in
            entry.bytes.withUnsafeBytes { source in
                target.copyMemory(from: source)
            }
        }
        return values.map { Int64(littleEndian: $0) }
    }

    public func entry(_ name: String) throws -> Entry {
        guard let entry = entries[name] else {
            throw CheckpointError.missingTensor(name: name)
        }
        return entry
    }

    /// Stores a float32 tensor under `name`, replacing any previous one.
    public mutating func set(_ name: String, _ tensor: Tensor) {
        let bytes = tensor.scalars.withUnsafeBytes { Data($0) }
        entries[name] = Entry(dtype: .float32, shape: tensor.shape, bytes: bytes)
    }

    /// Stores int64 values under `name` with `shape` (`[]` for a scalar).
    public mutating func set(_ name: String, int64s values: [Int64], shape: [Int]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not fit \(values.count) values")
        let bytes = values.map { $0.littleEndian }.withUnsafeBytes { Data($0) }
        entries[name] = Entry(dtype: .int64, shape: shape, bytes: bytes)
    }

    /// The file's bytes: tensors in name order, the header padded with spaces to 8 bytes.
    public func serialized() -> Data {
        var header: [String: Any] = [:]
        var body = Data()
        for name in names {
            let entry = entries[name]!
            let begin = body.count
            body.append(entry.bytes)
            header[name] = ["dtype": entry.dtype.rawValue, "shape": entry.shape,
                            "data_offsets": [begin, body.count]] as [String: Any]
        }
        if !metadata.isEmpty {
            header["__metadata__"] = metadata
        }
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 {
            json.append(UInt8(ascii: " "))
        }
        var file = Data()
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { file.append(contentsOf: $0) }
        file.append(json)
        file.append(body)
        return file
    }

    /// Writes the file atomically, so a crash never leaves half a checkpoint.
    public func write(to url: URL) throws {
        do {
            try serialized().write(to: url, options: .atomic)
        } catch {
            throw CheckpointError.unwritableFile(path: url.path, reason: ErrorText.describe(error))
        }
    }
}
