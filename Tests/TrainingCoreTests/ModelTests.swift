import Testing
import TrainingCore

struct ModelTests {
    func build(_ name: String, classes: Int = 100, width: Double = 1, inChannels: Int = 3, size: Int = 32)
        throws -> Network {
        var generator = SeededGenerator(seed: 1, stream: "init")
        return try Network(configuration: ModelConfiguration(name: name, width: width, inChannels: inChannels,
                                                             classes: classes),
                           inputHeight: size, inputWidth: size, executor: Executor(threadCount: 1),
                           generator: &generator)
    }

    /// Counts from `sum(p.numel() for p in model.parameters())` of the PyTorch reference
    /// models with 100 classes.
    @Test(arguments: [
        ("ResNet14", 181_108), ("ResNet110", 1_736_564), ("VGG8", 3_965_028),
        ("VGG13", 9_462_180), ("WRN28-1", 375_348),
    ])
    func parameterCountMatchesPyTorch(_ name: String, _ expected: Int) throws {
        #expect(try build(name).parameterCount == expected)
    }

    /// Forward multiply-accumulates per 3x32x32 image as measured for the reference models
    /// in PyTorch, given to 0.1 M.
    @Test(arguments: [("VGG8", 96.2), ("ResNet14", 26.7), ("ResNet110", 253.2), ("WRN28-1", 55.0)])
    func multiplyAccumulatesMatchReference(_ name: String, _ millions: Double) throws {
        let measured = Double(try build(name).multiplyAccumulatesPerImage) / 1e6
        #expect(abs(measured - millions) < 0.051, "\(name): \(measured) M")
    }

    @Test
    func widthScalesChannelsWithPythonRounding() throws {
        let configuration = try ModelConfiguration(name: "VGG8", width: 0.25, classes: 10)
        #expect(configuration.channels(64) == 16)
        #expect(configuration.channels(2) == 1)
        // round(2.5) is 2 in Python: halves go to the even neighbour.
        #expect(try ModelConfiguration(name: "VGG8", width: 0.5, classes: 10).channels(5) == 2)
        #expect(try ModelConfiguration(name: "VGG8", width: 0.5, classes: 10).channels(7) == 4)
        #expect(try ModelConfiguration(name: "VGG8", width: 0.01, classes: 10).channels(16) == 1)
    }

    @Test(arguments: ["ResNet8", "resnet-56", "VGG8", "vgg19_bn", "WRN28-1", "wrn_40_2", "WRN-16-8"])
    func presetNamesParse(_ name: String) throws {
        _ = try ModelConfiguration(name: name, classes: 10)
    }

    @Test
    func canonicalNames() throws {
        #expect(try ModelConfiguration(name: "resnet-110", classes: 10).name == "ResNet110")
        #expect(try ModelConfiguration(name: "wrn_28_8", classes: 10).name == "WRN28-8")
        #expect(try ModelConfiguration(name: "VGG8", width: 0.25, classes: 10).displayName == "VGG8-w0.25")
    }

    @Test
    func invalidConfigurationsAreRejected() {
        #expect(throws: ModelError.unknownModel(name: "AlexNet")) {
            try ModelConfiguration(name: "AlexNet", classes: 10)
        }
        #expect(throws: ModelError.self) { try ModelConfiguration(name: "ResNet15", classes: 10) }
        #expect(throws: ModelError.self) { try ModelConfiguration(name: "VGG9", classes: 10) }
        #expect(throws: ModelError.self) { try ModelConfiguration(name: "WRN27-1", classes: 10) }
        #expect(throws: ModelError.invalidWidth(0)) { try ModelConfiguration(name: "VGG8", width: 0, classes: 10) }
        #expect(throws: ModelError.invalidWidth(-1)) { try ModelConfiguration(name: "VGG8", width: -1, classes: 10) }
        #expect(throws: ModelError.invalidClasses(1)) { try ModelConfiguration(name: "VGG8", classes: 1) }
    }

    @Test
    func invalidDepthMessageListsValidDepths() {
        let error = ModelError.invalidDepth(family: .resnet, depth: 15, valid: "6n+2")
        #expect(error.description.contains("6n+2"))
        do {
            _ = try ModelConfiguration(name: "ResNet15", classes: 10)
            Issue.record("ResNet15 was accepted")
        } catch {
            #expect("\(error)".contains("110"))
        }
    }

    @Test
    func inputSmallerThanEightIsRejected() {
        #expect(throws: ModelError.self) { try build("ResNet8", size: 7) }
    }

    @Test(arguments: ["ResNet8", "VGG8", "WRN16-1"])
    func anyInputSizeFromEightWorks(_ name: String) throws {
        for size in [8, 13, 28, 40] {
            let network = try build(name, classes: 7, width: 0.25, inChannels: 2, size: size)
            let logits = network.forward(randomTensor([2, 2, size, size], seed: 3), mode: .evaluation)
            #expect(logits.shape == [2, 7])
            #expect(logits.scalars.allSatisfy { $0.isFinite })
        }
    }

    @Test
    func wrongInputShapeIsDescribed() throws {
        let network = try build("ResNet8", classes: 10)
        #expect(throws: ModelError.self) { try network.validateInput(shape: [2, 1, 32, 32]) }
        #expect(throws: ModelError.self) { try network.validateInput(shape: [3, 32, 32]) }
        #expect(throws: Never.self) { try network.validateInput(shape: [5, 3, 32, 32]) }
    }

    @Test
    func initialisationFollowsTheReferenceScales() throws {
        let network = try build("VGG8")
        let conv = network.parameters.first { $0.name == "block3.0.weight" }!
        // Kaiming normal, fan_out: std = sqrt(2 / (512 * 9)).
        let values = conv.value.scalars.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(std - (2.0 / (512 * 9)).squareRoot()) < 0.01 * (2.0 / (512 * 9)).squareRoot())
        #expect(abs(mean) < 1e-3)
        let classifier = network.parameters.first { $0.name == "classifier.weight" }!
        #expect(classifier.value.maxMagnitude < 0.06)
        #expect(network.parameters.first { $0.name == "classifier.bias" }!.value.maxMagnitude == 0)
        let norm = network.parameters.first { $0.name == "block0.1.weight" }!
        #expect(norm.value.scalars.allSatisfy { $0 == 1 })
    }

    @Test
    func sameSeedGivesSameWeights() throws {
        let first = try build("ResNet8", classes: 10).stateDict().serialized()
        let second = try build("ResNet8", classes: 10).stateDict().serialized()
        #expect(first == second)
        var generator = SeededGenerator(seed: 2, stream: "init")
        let other = try Network(configuration: ModelConfiguration(name: "ResNet8", classes: 10),
                                inputHeight: 32, inputWidth: 32, executor: Executor(threadCount: 1),
                                generator: &generator)
        #expect(other.stateDict().serialized() != first)
    }
}
