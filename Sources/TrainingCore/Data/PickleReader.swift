import Foundation

/// Reads Python pickles of plain data (protocols 2 to 5) without executing anything.
///
/// Covers what the CIFAR files use, both as distributed (written by Python 2: protocol 2,
/// byte strings, numpy arrays) and as re-saved by Python 3: dicts, lists, tuples, ints,
/// floats, strings, bytes and numpy arrays. Only the globals that rebuild those values are
/// recognised (numpy's `_reconstruct`, `ndarray`, `dtype`, `_frombuffer`, `scalar` and
/// `_codecs.encode`, which Python 3 uses for bytes at protocol 2), and they are interpreted
/// here, never called. Any other opcode or global is rejected with its name and byte offset.
public enum PickleReader {
    /// The deepest nesting of containers accepted, which also stops self-referencing lists.
    static let maximumDepth = 64

    public static func read(path: String) throws -> PickleValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw DataError.unreadableFile(path: path, reason: "permission denied or not a regular file")
            }
            throw DataError.fileNotFound(path: path, hint: "check the data directory")
        }
        return try read([UInt8](data), file: path)
    }

    /// Decodes `bytes`; `file` names the input in errors.
    public static func read(_ bytes: [UInt8], file: String) throws -> PickleValue {
        var machine = PickleMachine(bytes: bytes, file: file)
        let item = try machine.run()
        return try machine.convert(item, depth: 0)
    }
}

/// The names of every pickle opcode, so a rejected one can be named in the error.
let pickleOpcodeNames: [UInt8: String] = [
    0x28: "MARK", 0x2e: "STOP", 0x30: "POP", 0x31: "POP_MARK", 0x32: "DUP", 0x46: "FLOAT",
    0x49: "INT", 0x4a: "BININT", 0x4b: "BININT1", 0x4c: "LONG", 0x4d: "BININT2", 0x4e: "NONE",
    0x50: "PERSID", 0x51: "BINPERSID", 0x52: "REDUCE", 0x53: "STRING", 0x54: "BINSTRING",
    0x55: "SHORT_BINSTRING", 0x56: "UNICODE", 0x58: "BINUNICODE", 0x61: "APPEND", 0x62: "BUILD",
    0x63: "GLOBAL", 0x64: "DICT", 0x7d: "EMPTY_DICT", 0x65: "APPENDS", 0x67: "GET", 0x68: "BINGET",
    0x69: "INST", 0x6a: "LONG_BINGET", 0x6c: "LIST", 0x5d: "EMPTY_LIST", 0x6f: "OBJ", 0x70: "PUT",
    0x71: "BINPUT", 0x72: "LONG_BINPUT", 0x73: "SETITEM", 0x74: "TUPLE", 0x29: "EMPTY_TUPLE",
    0x75: "SETITEMS", 0x47: "BINFLOAT", 0x80: "PROTO", 0x81: "NEWOBJ", 0x82: "EXT1", 0x83: "EXT2",
    0x84: "EXT4", 0x85: "TUPLE1", 0x86: "TUPLE2", 0x87: "TUPLE3", 0x88: "NEWTRUE", 0x89: "NEWFALSE",
    0x8a: "LONG1", 0x8b: "LONG4", 0x42: "BINBYTES", 0x43: "SHORT_BINBYTES", 0x8c: "SHORT_BINUNICODE",
    0x8d: "BINUNICODE8", 0x8e: "BINBYTES8", 0x8f: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET",
    0x92: "NEWOBJ_EX", 0x93: "STACK_GLOBAL", 0x94: "MEMOIZE", 0x95: "FRAME", 0x96: "BYTEARRAY8",
    0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
]

/// The stack machine behind `PickleReader`. Lists, dicts, arrays and dtypes live in
/// reference boxes because APPEND, SETITEM and BUILD mutate objects that the memo may share.
struct PickleMachine {
    final class ListBox { var items: [Item] = [] }
    final class DictionaryBox { var entries: [(Item, Item)] = [] }
    final class DTypeBox {
        var name: String
        var byteOrder = "|"
        init(name: String) { self.name = name }
        /// numpy's `dtype.str`: byte order, kind and size, such as `<i8`.
        var descriptor: String {
            let kindAndSize = name == "b1" ? "b1" : name
            return byteOrder + kindAndSize
        }
    }
    final class ArrayBox {
        var array: NumpyArray
        init(array: NumpyArray = NumpyArray(shape: [0], descriptor: "|u1", isFortranOrder: false, data: [])) {
            self.array = array
        }
    }

    /// The globals that may appear, as interpreted here.
    enum Callable {
        case reconstruct, ndarray, dtype, fromBuffer, scalar, encode, bytesType
    }

    indirect enum Item {
        case mark
        case value(PickleValue)
        case tuple([Item])
        case list(ListBox)
        case dictionary(DictionaryBox)
        case callable(Callable)
        case dtype(DTypeBox)
        case array(ArrayBox)
    }

    static let allowedGlobals: [String: Callable] = [
        "numpy.core.multiarray._reconstruct": .reconstruct,
        "numpy._core.multiarray._reconstruct": .reconstruct,
        "numpy.ndarray": .ndarray,
        "numpy.dtype": .dtype,
        "numpy.core.numeric._frombuffer": .fromBuffer,
        "numpy._core.numeric._frombuffer": .fromBuffer,
        "numpy.core.multiarray.scalar": .scalar,
        "numpy._core.multiarray.scalar": .scalar,
        "_codecs.encode": .encode,
        // Python 3 writes an empty bytes object at protocol 2 as a call of bytes().
        "builtins.bytes": .bytesType,
        "__builtin__.bytes": .bytesType,
    ]

    let bytes: [UInt8]
    let file: String
    var position = 0
    /// The offset of the opcode being executed, for error messages.
    var opcodeOffset = 0
    var stack: [Item] = []
    var memo: [Int: Item] = [:]

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    mutating func run() throws -> Item {
        while true {
            opcodeOffset = position
            let opcode = try readByte()
            if opcodeOffset == 0 && opcode != 0x80 {
                throw malformed(expected: "PROTO opcode 0x80 (pickle protocol 2 to 5)",
                                actual: "0x" + String(opcode, radix: 16))
            }
            if opcode == 0x2e {
                guard stack.count == 1 else {
                    throw malformed(expected: "one value on the stack at STOP", actual: "\(stack.count)")
                }
                return stack[0]
            }
            try execute(opcode)
        }
    }

    func malformed(expected: String, actual: String) -> DataError {
        DataError.malformed(file: file, offset: opcodeOffset, expected: expected, actual: actual)
    }
}
