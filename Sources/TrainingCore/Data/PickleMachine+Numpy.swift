/// How `PickleReader` interprets the few globals it accepts, in place of calling them.
extension PickleMachine {
    func resolveGlobal(module: String, name: String) throws -> Callable {
        guard let callable = Self.allowedGlobals["\(module).\(name)"] else {
            throw DataError.unsupportedPickleGlobal(file: file, offset: opcodeOffset, module: module, name: name)
        }
        return callable
    }

    /// REDUCE: applies an accepted global to its argument tuple.
    func reduce(_ function: Item, arguments: Item) throws -> Item {
        guard case .callable(let callable) = function else {
            throw malformed(expected: "a global under REDUCE", actual: describe(function))
        }
        guard case .tuple(let arguments) = arguments else {
            throw malformed(expected: "an argument tuple for REDUCE", actual: describe(arguments))
        }
        switch callable {
        case .encode:
            // Python 3 writes bytes at protocol 2 as _codecs.encode(text, "latin1"), where
            // each character of the text is one byte.
            guard let text = try argument(arguments, 0).text,
                  let encoding = try argument(arguments, 1).text, ["latin1", "latin-1"].contains(encoding),
                  let converted = latin1Bytes(text)
            else {
                throw malformed(expected: "_codecs.encode(str, 'latin1')", actual: "other arguments")
            }
            return .value(.bytes(converted))
        case .dtype:
            guard let name = try argument(arguments, 0).text else {
                throw malformed(expected: "a dtype name such as 'u1'", actual: describe(arguments.first))
            }
            return .dtype(DTypeBox(name: name))
        case .reconstruct:
            return .array(ArrayBox())
        case .fromBuffer:
            return .array(ArrayBox(array: try arrayFromBuffer(arguments)))
        case .scalar:
            return .value(try scalarValue(arguments))
        case .bytesType:
            guard arguments.isEmpty else {
                throw malformed(expected: "bytes() with no arguments", actual: "\(arguments.count) arguments")
            }
            return .value(.bytes([]))
        case .ndarray:
            throw malformed(expected: "numpy.ndarray only as an argument of _reconstruct", actual: "a call")
        }
    }

    /// BUILD: sets the state of a numpy dtype or array made by REDUCE.
    func build(_ target: Item, state: Item) throws {
        guard case .tuple(let fields) = state else {
            throw malformed(expected: "a state tuple for BUILD", actual: describe(state))
        }
        switch target {
        case .dtype(let box):
            // (version, byte order, subarray, names, fields, itemsize, alignment, flags)
            guard fields.count >= 2, let byteOrder = try argument(fields, 1).text else {
                throw malformed(expected: "a dtype state with a byte order", actual: "\(fields.count) fields")
            }
            box.byteOrder = byteOrder
        case .array(let box):
            // (version, shape, dtype, is_fortran, raw data); very old numpy leaves out version.
            let offset = fields.count == 5 ? 1 : 0
            guard fields.count == 4 + offset, case .dtype(let dtype) = fields[offset + 1],
                  case .value(.bool(let isFortran)) = fields[offset + 2],
                  case .value(.bytes(let data)) = fields[offset + 3]
            else {
                throw malformed(expected: "an ndarray state (version, shape, dtype, is_fortran, bytes)",
                                actual: "\(fields.count) fields of other types")
            }
            box.array = try makeArray(shape: try shape(fields[offset]), dtype: dtype, isFortran: isFortran, data: data)
        default:
            throw malformed(expected: "a numpy array or dtype under BUILD", actual: describe(target))
        }
    }

    /// `_frombuffer(buffer, dtype, shape, order)`, what numpy writes at protocol 5.
    private func arrayFromBuffer(_ arguments: [Item]) throws -> NumpyArray {
        guard arguments.count == 4, case .value(.bytes(let data)) = arguments[0],
              case .dtype(let dtype) = arguments[1], let order = try argument(arguments, 3).text
        else {
            throw malformed(expected: "_frombuffer(bytes, dtype, shape, order)", actual: "\(arguments.count) arguments")
        }
        return try makeArray(shape: try shape(arguments[2]), dtype: dtype, isFortran: order == "F", data: data)
    }

    /// `scalar(dtype, bytes)`: one numpy integer or float, such as a label saved as `np.int64`.
    private func scalarValue(_ arguments: [Item]) throws -> PickleValue {
        guard arguments.count == 2, case .dtype(let dtype) = arguments[0],
              case .value(.bytes(let data)) = arguments[1]
        else {
            throw malformed(expected: "scalar(dtype, bytes)", actual: "\(arguments.count) arguments")
        }
        let array = try makeArray(shape: [], dtype: dtype, isFortran: false, data: data)
        if let integer = array.integers?.first {
            return .int(integer)
        }
        if array.descriptor == "<f8", data.count == 8 {
            let bits = data.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return .float(Double(bitPattern: bits))
        }
        throw malformed(expected: "an integer or <f8 numpy scalar", actual: "dtype \(array.descriptor)")
    }

    private func makeArray(shape: [Int], dtype: DTypeBox, isFortran: Bool, data: [UInt8]) throws -> NumpyArray {
        let descriptor = dtype.descriptor
        guard let itemSize = Int(descriptor.drop(while: { !$0.isNumber })), itemSize > 0 else {
            throw malformed(expected: "a fixed-size numeric dtype", actual: "dtype '\(dtype.name)'")
        }
        let expected = shape.reduce(1, *) * itemSize
        guard data.count == expected else {
            throw malformed(expected: "\(expected) bytes of array data for shape \(shape) and \(descriptor)",
                            actual: "\(data.count) bytes")
        }
        return NumpyArray(shape: shape, descriptor: descriptor, isFortranOrder: isFortran, data: data)
    }

    private func shape(_ item: Item) throws -> [Int] {
        guard case .tuple(let dimensions) = item else {
            throw malformed(expected: "a shape tuple", actual: describe(item))
        }
        return try dimensions.map { dimension in
            guard case .value(.int(let size)) = dimension, size >= 0 else {
                throw malformed(expected: "a non-negative dimension", actual: describe(dimension))
            }
            return size
        }
    }

    private func argument(_ arguments: [Item], _ index: Int) throws -> PickleValue {
        guard index < arguments.count, case .value(let value) = arguments[index] else {
            throw malformed(expected: "argument \(index) as a plain value",
                            actual: index < arguments.count ? describe(arguments[index]) : "no such argument")
        }
        return value
    }

    private func latin1Bytes(_ text: String) -> [UInt8]? {
        var result = [UInt8]()
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard scalar.value < 256 else { return nil }
            result.append(UInt8(scalar.value))
        }
        return result
    }

    /// Turns the machine's boxes into immutable values.
    func convert(_ item: Item, depth: Int) throws -> PickleValue {
        guard depth <= PickleReader.maximumDepth else {
            throw malformed(expected: "containers nested at most \(PickleReader.maximumDepth) deep",
                            actual: "deeper nesting or a container that contains itself")
        }
        switch item {
        case .value(let value):
            return value
        case .tuple(let elements):
            return .tuple(try elements.map { try convert($0, depth: depth + 1) })
        case .list(let box):
            return .list(try box.items.map { try convert($0, depth: depth + 1) })
        case .dictionary(let box):
            return .dictionary(try box.entries.map { key, value in
                PickleEntry(key: try convert(key, depth: depth + 1), value: try convert(value, depth: depth + 1))
            })
        case .array(let box):
            return .array(box.array)
        case .mark, .callable, .dtype:
            throw malformed(expected: "plain data in the result", actual: describe(item))
        }
    }
}
