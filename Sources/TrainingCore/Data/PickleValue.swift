/// A value decoded by `PickleReader`: the plain data that Python pickles of data sets hold.
///
/// Python 2 `str` and Python 3 `bytes` both decode to `.bytes`; `unicode`/`str` to `.string`.
public indirect enum PickleValue: Sendable, Equatable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case list([PickleValue])
    case tuple([PickleValue])
    /// A dict's entries in the order the pickle stored them.
    case dictionary([PickleEntry])
    case array(NumpyArray)

    /// The value stored under `key` in a dictionary, matching a `str` key or a `bytes` key
    /// with the same UTF-8 spelling (Python 2 pickles of CIFAR use byte-string keys).
    public subscript(key: String) -> PickleValue? {
        guard case .dictionary(let entries) = self else { return nil }
        for entry in entries where entry.key.text == key {
            return entry.value
        }
        return nil
    }

    /// The text of a `.string`, or of `.bytes` read as UTF-8.
    public var text: String? {
        switch self {
        case .string(let text): return text
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: return nil
        }
    }

    /// The elements of a list or tuple.
    public var elements: [PickleValue]? {
        switch self {
        case .list(let elements), .tuple(let elements): return elements
        default: return nil
        }
    }

    /// The integer of an `.int`, or of a one-element integer array.
    public var integer: Int? {
        switch self {
        case .int(let value): return value
        case .array(let array) where array.elementCount == 1: return array.integers?.first
        default: return nil
        }
    }
}

/// One key-value pair of a pickled dict.
public struct PickleEntry: Sendable, Equatable {
    public let key: PickleValue
    public let value: PickleValue
}

/// A numpy array as pickled: its shape, dtype and raw bytes.
public struct NumpyArray: Sendable, Equatable {
    public let shape: [Int]
    /// The dtype as numpy's `dtype.str` spells it: byte order (`|`, `<`, `>`), kind, size,
    /// for example `|u1` or `<i8`.
    public let descriptor: String
    public let isFortranOrder: Bool
    public let data: [UInt8]

    public init(shape: [Int], descriptor: String, isFortranOrder: Bool, data: [UInt8]) {
        self.shape = shape
        self.descriptor = descriptor
        self.isFortranOrder = isFortranOrder
        self.data = data
    }

    public var elementCount: Int { shape.reduce(1, *) }

    /// The elements as integers when the dtype is an integer type of 1, 2, 4 or 8 bytes in
    /// little-endian or byte order, or nil otherwise.
    public var integers: [Int]? {
        let order = descriptor.first
        let kind = descriptor.dropFirst().first
        guard let size = Int(descriptor.dropFirst(2)), [1, 2, 4, 8].contains(size),
              kind == "u" || kind == "i",
              order == "|" || order == "<" || (order == "=" && size == 1),
              data.count == elementCount * size
        else { return nil }
        return (0..<elementCount).map { index in
            var value: UInt64 = 0
            for byte in 0..<size {
                value |= UInt64(data[index * size + byte]) << UInt64(8 * byte)
            }
            if kind == "i" && size < 8 && value >> UInt64(8 * size - 1) == 1 {
                value |= ~0 << UInt64(8 * size)
            }
            return Int(truncatingIfNeeded: value)
        }
    }
}
