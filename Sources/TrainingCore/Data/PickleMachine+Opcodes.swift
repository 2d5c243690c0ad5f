/// The opcodes that `PickleReader` accepts, and the reading of their arguments.
extension PickleMachine {
    mutating func execute(_ opcode: UInt8) throws {
        switch opcode {
        case 0x80:  // PROTO
            let version = try readByte()
            guard (2...5).contains(version) else {
                throw malformed(expected: "pickle protocol 2 to 5", actual: "protocol \(version)")
            }
        case 0x95:  // FRAME: a length prefix that only helps streaming readers.
            _ = try readInteger(byteCount: 8)
        case 0x28: stack.append(.mark)
        case 0x4e: stack.append(.value(.none))
        case 0x88: stack.append(.value(.bool(true)))
        case 0x89: stack.append(.value(.bool(false)))
        case 0x4a: stack.append(.value(.int(Int(Int32(truncatingIfNeeded: try readInteger(byteCount: 4))))))
        case 0x4b: stack.append(.value(.int(try readInteger(byteCount: 1))))
        case 0x4d: stack.append(.value(.int(try readInteger(byteCount: 2))))
        case 0x8a: stack.append(.value(.int(try readLong(byteCount: try readInteger(byteCount: 1)))))
        case 0x8b: stack.append(.value(.int(try readLong(byteCount: try readInteger(byteCount: 4)))))
        case 0x47:  // BINFLOAT: a big-endian IEEE 754 double.
            stack.append(.value(.float(Double(bitPattern: UInt64(try readBigEndian(byteCount: 8))))))
        case 0x55, 0x43: stack.append(.value(.bytes(try readBytes(try readInteger(byteCount: 1)))))
        case 0x54, 0x42: stack.append(.value(.bytes(try readBytes(try readInteger(byteCount: 4)))))
        case 0x8e, 0x96: stack.append(.value(.bytes(try readBytes(try readInteger(byteCount: 8)))))
        case 0x8c: stack.append(.value(.string(try readText(try readInteger(byteCount: 1)))))
        case 0x58: stack.append(.value(.string(try readText(try readInteger(byteCount: 4)))))
        case 0x8d: stack.append(.value(.string(try readText(try readInteger(byteCount: 8)))))
        case 0x29: stack.append(.tuple([]))
        case 0x85, 0x86, 0x87:
            let count = Int(opcode - 0x84)
            let elements = try popCount(count)
            stack.append(.tuple(elements))
        case 0x74: stack.append(.tuple(try popToMark()))
        case 0x5d: stack.append(.list(ListBox()))
        case 0x6c:
            let box = ListBox()
            box.items = try popToMark()
            stack.append(.list(box))
        case 0x61, 0x65:
            let items = opcode == 0x61 ? try popCount(1) : try popToMark()
            guard case .list(let box) = stack.last else {
                throw malformed(expected: "a list under APPEND", actual: describe(stack.last))
            }
            box.items.append(contentsOf: items)
        case 0x7d: stack.append(.dictionary(DictionaryBox()))
        case 0x64:
            let box = DictionaryBox()
            box.entries = try pairs(try popToMark())
            stack.append(.dictionary(box))
        case 0x73, 0x75:
            let items = opcode == 0x73 ? try popCount(2) : try popToMark()
            guard case .dictionary(let box) = stack.last else {
                throw malformed(expected: "a dict under SETITEM", actual: describe(stack.last))
            }
            box.entries.append(contentsOf: try pairs(items))
        case 0x71: try memoize(at: try readInteger(byteCount: 1))
        case 0x72: try memoize(at: try readInteger(byteCount: 4))
        case 0x94: try memoize(at: memo.count)
        case 0x68: try recall(try readInteger(byteCount: 1))
        case 0x6a: try recall(try readInteger(byteCount: 4))
        case 0x63:
            let module = try readLine()
            let name = try readLine()
            stack.append(.callable(try resolveGlobal(module: module, name: name)))
        case 0x93:
            let names = try popCount(2)
            guard case .value(.string(let module)) = names[0], case .value(.string(let name)) = names[1] else {
                throw malformed(expected: "two strings under STACK_GLOBAL", actual: describe(names[0]))
            }
            stack.append(.callable(try resolveGlobal(module: module, name: name)))
        case 0x52:
            let operands = try popCount(2)
            stack.append(try reduce(operands[0], arguments: operands[1]))
        case 0x62:
            let state = try popCount(1)[0]
            guard let target = stack.last else {
                throw malformed(expected: "an object under BUILD", actual: "an empty stack")
            }
            try build(target, state: state)
        default:
            throw DataError.unsupportedPickleOpcode(
                file: file, offset: opcodeOffset, opcode: opcode, name: pickleOpcodeNames[opcode] ?? "unknown")
        }
    }

    // MARK: Reading arguments

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else {
            throw DataError.truncated(file: file, expectedBytes: position + 1, actualBytes: bytes.count)
        }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else {
            throw DataError.truncated(file: file, expectedBytes: position + count, actualBytes: bytes.count)
        }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// An unsigned little-endian integer of `byteCount` bytes, at most 8.
    mutating func readInteger(byteCount: Int) throws -> Int {
        let raw = try readBytes(byteCount)
        var value: UInt64 = 0
        for (index, byte) in raw.enumerated() {
            value |= UInt64(byte) << UInt64(8 * index)
        }
        guard value <= UInt64(Int.max) else {
            throw malformed(expected: "a length below 2^63", actual: String(value))
        }
        return Int(value)
    }

    mutating func readBigEndian(byteCount: Int) throws -> UInt64 {
        try readBytes(byteCount).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A two's-complement little-endian integer (LONG1, LONG4) that must fit in 64 bits.
    mutating func readLong(byteCount: Int) throws -> Int {
        let raw = try readBytes(byteCount)
        guard raw.count <= 8 else {
            throw malformed(expected: "an integer of at most 8 bytes", actual: "\(raw.count) bytes")
        }
        guard let last = raw.last else { return 0 }
        var value: UInt64 = last >= 0x80 ? ~0 : 0
        for byte in raw.reversed() {
            value = value << 8 | UInt64(byte)
        }
        return Int(truncatingIfNeeded: value)
    }

    mutating func readText(_ count: Int) throws -> String {
        let raw = try readBytes(count)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw malformed(expected: "UTF-8 text", actual: "\(count) bytes that are not UTF-8")
        }
        return text
    }

    /// A newline-terminated ASCII line, as GLOBAL's module and name.
    mutating func readLine() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0a) else {
            throw DataError.truncated(file: file, expectedBytes: bytes.count + 1, actualBytes: bytes.count)
        }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    // MARK: Stack and memo

    mutating func popCount(_ count: Int) throws -> [Item] {
        guard stack.count >= count else {
            throw malformed(expected: "\(count) values on the stack", actual: "\(stack.count)")
        }
        let items = Array(stack.suffix(count))
        stack.removeLast(count)
        if items.contains(where: { if case .mark = $0 { return true } else { return false } }) {
            throw malformed(expected: "\(count) values on the stack", actual: "a MARK among them")
        }
        return items
    }

    mutating func popToMark() throws -> [Item] {
        guard let markIndex = stack.lastIndex(where: { if case .mark = $0 { return true } else { return false } })
        else {
            throw malformed(expected: "a MARK on the stack", actual: "none")
        }
        let items = Array(stack[(markIndex + 1)...])
        stack.removeSubrange(markIndex...)
        return items
    }

    func pairs(_ items: [Item]) throws -> [(Item, Item)] {
        guard items.count % 2 == 0 else {
            throw malformed(expected: "key-value pairs", actual: "\(items.count) items")
        }
        return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
    }

    mutating func memoize(at index: Int) throws {
        guard let top = stack.last else {
            throw malformed(expected: "a value to memoize", actual: "an empty stack")
        }
        memo[index] = top
    }

    mutating func recall(_ index: Int) throws {
        guard let item = memo[index] else {
            throw malformed(expected: "a memo entry \(index)", actual: "none")
        }
        stack.append(item)
    }

    func describe(_ item: Item?) -> String {
        guard let item else { return "an empty stack" }
        switch item {
        case .mark: return "a MARK"
        case .value(let value): return "\(value)".prefix(60).description
        case .tuple: return "a tuple"
        case .list: return "a list"
        case .dictionary: return "a dict"
        case .callable(let callable): return "the global \(callable)"
        case .dtype: return "a numpy dtype"
        case .array: return "a numpy array"
        }
    }
}
