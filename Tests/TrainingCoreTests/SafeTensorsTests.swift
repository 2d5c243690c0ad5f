import Foundation
import Testing
import TrainingCore

struct SafeTensorsTests {
    /// Builds a file by hand: header length, header text, data bytes.
    func rawFile(header: String, data: [UInt8] = []) -> Data {
        var bytes = Data()
        var length = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(contentsOf: data)
        return bytes
    }

    @Test
    func roundTripKeepsTensorsAndMetadata() throws {
        var file = SafeTensors(metadata: ["seed": "7"])
        let tensor = Tensor(shape: [2, 3], scalars: [1, -2, 3.5, 0, .greatestFiniteMagnitude, -0.25])
        file.set("a.weight", tensor)
        file.set("a.num_batches_tracked", int64s: [42], shape: [])
        let bytes = file.serialized()
        let read = try SafeTensors(data: bytes, source: "memory")
        #expect(read.metadata == ["seed": "7"])
        #expect(try read.tensor("a.weight") == tensor)
        #expect(try read.int64s("a.num_batches_tracked") == [42])
        #expect(read.names == ["a.num_batches_tracked", "a.weight"])
        // The header is padded so that the data starts on an 8-byte boundary.
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(headerLength % 8 == 0)
    }

    /// A file written by hand as the format specifies: header `{"x":{"dtype":"F32",
    /// "shape":[2],"data_offsets":[0,8]}}`, data 1.0 and -2.0 as little-endian float32.
    @Test
    func readsHandWrittenFile() throws {
        let data: [UInt8] = [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]
        let file = try SafeTensors(
            data: rawFile(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: data),
            source: "hand.safetensors")
        #expect(try file.tensor("x").scalars == [1, -2])
    }

    @Test
    func readsPyTorchFixture() throws {
        let file = try Fixtures.load("resnet8-c10.weights.safetensors")
        #expect(try file.tensor("conv1.weight").shape == [16, 3, 3, 3])
        #expect(file.metadata["producer"]?.hasPrefix("PyTorch") == true)
        #expect(try file.int64s("bn1.num_batches_tracked").count == 1)
    }

    @Test
    func truncatedFileNamesOffset() throws {
        let bytes = try Data(contentsOf: Fixtures.url("resnet8-c10.weights.safetensors"))
        let cut = bytes.prefix(bytes.count - 100)
        do {
            _ = try SafeTensors(data: cut, source: "cut.safetensors")
            Issue.record("a truncated file was accepted")
        } catch let error as CheckpointError {
            guard case .truncated(let path, let offset, let expected) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == "cut.safetensors")
            #expect(offset == cut.count)
            #expect(expected.contains("tensor '"))
        }
        #expect(throws: CheckpointError.self) { try SafeTensors(data: Data([1, 2, 3]), source: "tiny") }
        #expect(throws: CheckpointError.self) { try SafeTensors(data: self.rawFile(header: "{}").prefix(9), source: "x") }
    }

    @Test(arguments: [
        "not json",
        "[1, 2]",
        #"{"x":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}"#,
        #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,4]}}"#,
        #"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#,
        #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#,
        #"{"x":{"dtype":"F32","shape":[1]}}"#,
        #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}"#,
        #"{"__metadata__":{"a":1}}"#,
    ])
    func malformedHeaderIsRejected(_ header: String) {
        do {
            _ = try SafeTensors(data: rawFile(header: header, data: [UInt8](repeating: 0, count: 8)), source: "bad.st")
            Issue.record("accepted header \(header)")
        } catch let error as CheckpointError {
            #expect("\(error)".contains("bad.st"))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test
    func wrongDTypeIsNamed() throws {
        let file = try Fixtures.load("resnet8-c10.weights.safetensors")
        #expect(throws: CheckpointError.wrongDType(name: "bn1.num_batches_tracked", expected: "F32", actual: "I64")) {
            try file.tensor("bn1.num_batches_tracked")
        }
        #expect(throws: CheckpointError.missingTensor(name: "nope")) { try file.tensor("nope") }
    }
}

struct StrictLoadingTests {
    func network() throws -> Network {
        var generator = SeededGenerator(seed: 0, stream: "init")
        return try Network(configuration: ModelConfiguration(name: "ResNet8", classes: 10), inputHeight: 32,
                           inputWidth: 32, executor: Executor(threadCount: 1), generator: &generator)
    }

    @Test
    func missingTensorIsNamed() throws {
        var file = try Fixtures.load("resnet8-c10.weights.safetensors")
        var pruned = SafeTensors(metadata: file.metadata)
        for name in file.names where name != "layer2.0.bn1.running_var" {
            let entry = try file.entry(name)
            if entry.dtype == .int64 {
                pruned.set(name, int64s: try file.int64s(name), shape: entry.shape)
            } else {
                pruned.set(name, try file.tensor(name))
            }
        }
        let network = try network()
        let before = network.stateDict().serialized()
        #expect(throws: CheckpointError.missingTensor(name: "layer2.0.bn1.running_var")) { try network.load(pruned) }
        #expect(network.stateDict().serialized() == before, "a failed load must change nothing")
        file.set("extra.weight", Tensor(zeros: [1]))
        #expect(throws: CheckpointError.unexpectedTensors(names: ["extra.weight"])) { try network.load(file) }
    }

    @Test
    func anotherModelsStateIsDescribed() throws {
        do {
            try network().load(Fixtures.load("vgg8-w0.25-c10.weights.safetensors"))
            Issue.record("a VGG state loaded into a ResNet")
        } catch let error as CheckpointError {
            guard case .mismatchedState(let missing, let unexpected) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(missing.contains("conv1.weight"))
            #expect(unexpected.contains("block0.0.weight"))
            #expect("\(error)".contains("more"), "the message lists a few names, then a count")
        }
    }

    @Test
    func wrongShapeAndDTypeAreNamed() throws {
        var file = try Fixtures.load("resnet8-c10.weights.safetensors")
        file.set("fc.bias", Tensor(zeros: [11]))
        #expect(throws: CheckpointError.wrongShape(name: "fc.bias", expected: [10], actual: [11])) {
            try network().load(file)
        }
        var other = try Fixtures.load("resnet8-c10.weights.safetensors")
        other.set("fc.bias", int64s: Array(repeating: 0, count: 10), shape: [10])
        #expect(throws: CheckpointError.wrongDType(name: "fc.bias", expected: "F32", actual: "I64")) {
            try network().load(other)
        }
    }

    @Test
    func savedStateReloadsBitForBit() throws {
        let network = try network()
        try network.load(Fixtures.load("resnet8-c10.weights.safetensors"))
        let url = temporaryURL("reload.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try network.stateDict().write(to: url)
        let reloaded = try self.network()
        try reloaded.load(SafeTensors(contentsOf: url))
        #expect(reloaded.stateDict().serialized() == network.stateDict().serialized())
        let original = try Fixtures.load("resnet8-c10.weights.safetensors")
        for name in original.names {
            #expect(try original.entry(name).bytes == (try reloaded.stateDict().entry(name).bytes), "\(name)")
        }
    }
}
