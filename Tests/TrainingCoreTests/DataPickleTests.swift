import Testing
import TrainingCore

/// The fixtures are written by make_fixtures.py with Python's pickler (and numpy arrays).
@Suite struct DataPickleTests {
    static let expectedEntries: [String: PickleValue] = [
        "data": .array(NumpyArray(shape: [2, 3], descriptor: "|u1", isFortranOrder: false, data: [0, 1, 2, 3, 4, 5])),
        "labels": .list([.int(0), .int(1), .int(300), .int(-5), .int(1 << 40), .int(-(1 << 40))]),
        "raw": .bytes([0x00, 0xff]),
        "empty": .bytes([]),
        "pi": .float(3.5),
        "flags": .tuple([.bool(true), .bool(false), .none]),
        "label64": .int(7),
    ]

    @Test(arguments: ["protocol2.pkl", "protocol3.pkl", "protocol4.pkl", "protocol5.pkl", "python2-style.pkl"])
    func readsSampleDictionary(file: String) throws {
        let value = try PickleReader.read(path: dataFixture("pickle/" + file))
        for (key, expected) in Self.expectedEntries.sorted(by: { $0.key < $1.key }) {
            #expect(value[key] == expected, "key \(key)")
        }
        #expect(value["name"]?.text == "cifar")
        guard case .array(let wide) = value["wide"] else {
            Issue.record("'wide' is not an array")
            return
        }
        #expect(wide.descriptor == "<i8")
        #expect(wide.integers == [1, -2, 1 << 40])
        #expect(value["nested"]?.elements?.count == 2)
        #expect(value["nested"]?.elements?.last?["a"] == .int(2))
    }

    @Test func rejectsOSSystemGlobal() {
        let path = dataFixture("pickle/os-system.pkl")
        let error = capturedDataError { _ = try PickleReader.read(path: path) }
        #expect(error == .unsupportedPickleGlobal(file: path, offset: 2, module: "posix", name: "system"))
        #expect(error?.description.contains("posix.system") == true)
    }

    @Test func rejectsProtocolZero() {
        let path = dataFixture("pickle/protocol0.pkl")
        let error = capturedDataError { _ = try PickleReader.read(path: path) }
        guard case .malformed(let file, let offset, let expected, _) = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(offset == 0)
        #expect(expected.contains("protocol 2 to 5"))
    }

    @Test func rejectsUnsupportedOpcodeByName() {
        let path = dataFixture("pickle/set.pkl")
        let error = capturedDataError { _ = try PickleReader.read(path: path) }
        guard case .unsupportedPickleOpcode(let file, let offset, let opcode, let name) = error else {
            Issue.record("expected an unsupported opcode, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(offset > 0)
        #expect(opcode == 0x8f)
        #expect(name == "EMPTY_SET")
    }

    @Test func truncatedPickleNamesFile() throws {
        let bytes = try readBytes(dataFixture("pickle/protocol2.pkl"))
        let error = capturedDataError { _ = try PickleReader.read(Array(bytes.prefix(100)), file: "cut.pkl") }
        guard case .truncated(let file, _, let actual) = error else {
            Issue.record("expected truncated, got \(String(describing: error))")
            return
        }
        #expect(file == "cut.pkl")
        #expect(actual == 100)
    }
}
