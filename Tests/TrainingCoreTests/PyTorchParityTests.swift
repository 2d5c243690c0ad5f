import Foundation
import Testing
import TrainingCore

/// Parity with PyTorch 2.13 on the reference fixtures: eval and training logits, the loss,
/// every gradient, batch-norm buffers after one step, and the state after two SGD steps.
///
/// Tolerances, for a float32 core that sums in another order than PyTorch: logits and
/// losses 1e-5 of the largest magnitude, gradients 1e-4 of each tensor's largest magnitude,
/// two SGD steps 1e-5. A convolution bias that feeds a batch norm has an exact gradient of
/// zero, so the reference holds rounding noise there; it is compared with an absolute 1e-6.
struct PyTorchParityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let fixture: String
        let model: String
        let width: Double
        let inChannels: Int
        let size: Int
        var testDescription: String { fixture }
    }

    static let cases = [
        Case(fixture: "resnet8-c10", model: "ResNet8", width: 1, inChannels: 3, size: 32),
        Case(fixture: "vgg8-w0.25-c10", model: "VGG8", width: 0.25, inChannels: 3, size: 32),
        Case(fixture: "wrn16-1-gray28-c10", model: "WRN16-1", width: 1, inChannels: 1, size: 28),
    ]

    static let logitsTolerance: Float = 1e-5
    static let gradientTolerance: Float = 1e-4
    static let stepTolerance: Float = 1e-5
    static let zeroGradientBound: Float = 1e-6

    func makeNetwork(_ parityCase: Case, threads: Int = 2) throws -> Network {
        let configuration = try ModelConfiguration(name: parityCase.model, width: parityCase.width,
                                                   inChannels: parityCase.inChannels, classes: 10)
        var generator = SeededGenerator(seed: 0, stream: "init")
        let network = try Network(configuration: configuration, inputHeight: parityCase.size,
                                  inputWidth: parityCase.size, executor: Executor(threadCount: threads),
                                  generator: &generator)
        try network.load(Fixtures.load(parityCase.fixture + ".weights.safetensors"))
        return network
    }

    /// Biases of convolutions that a batch norm follows (every VGG convolution).
    func feedsBatchNorm(_ name: String) -> Bool {
        name.hasPrefix("block") && name.hasSuffix(".bias") && !name.contains("layer")
            && Int(name.split(separator: ".")[1])! % 3 == 0
    }

    @Test(arguments: cases)
    func evalLogitsMatchPyTorch(_ parityCase: Case) throws {
        let cases = try Fixtures.load(parityCase.fixture + ".cases.safetensors")
        let network = try makeNetwork(parityCase)
        let logits = network.forward(try cases.tensor("input"), mode: .evaluation)
        expectClose(logits, try cases.tensor("expected.eval_logits"), relativeToMax: Self.logitsTolerance,
                    "eval logits")
    }

    @Test(arguments: cases)
    func trainingGradientsMatchPyTorch(_ parityCase: Case) throws {
        let cases = try Fixtures.load(parityCase.fixture + ".cases.safetensors")
        let network = try makeNetwork(parityCase)
        let labels = try cases.int64s("labels").map(Int.init)

        let logits = network.forward(try cases.tensor("input"), mode: .training)
        expectClose(logits, try cases.tensor("expected.train_logits"), relativeToMax: Self.logitsTolerance,
                    "train logits")
        let (loss, logitsGradient) = CrossEntropy.lossAndGradient(logits: logits, labels: labels)
        let expectedLoss = try cases.tensor("expected.ce_loss").scalars[0]
        #expect(abs(loss - expectedLoss) <= Self.logitsTolerance * abs(expectedLoss))

        network.zeroGradients()
        let inputGradient = network.backward(logitsGradient)
        expectClose(inputGradient, try cases.tensor("grad.input"), relativeToMax: Self.gradientTolerance,
                    "grad.input")
        for parameter in network.parameters {
            let expected = try cases.tensor("grad." + parameter.name)
            if feedsBatchNorm(parameter.name) {
                #expect(parameter.gradient.maxMagnitude <= Self.zeroGradientBound, "grad.\(parameter.name)")
            } else {
                expectClose(parameter.gradient, expected, relativeToMax: Self.gradientTolerance,
                            "grad." + parameter.name)
            }
        }

        for norm in network.batchNorms {
            expectClose(norm.runningMean, try cases.tensor("after1.\(norm.name).running_mean"),
                        relativeToMax: Self.logitsTolerance, "after1.\(norm.name).running_mean")
            expectClose(norm.runningVariance, try cases.tensor("after1.\(norm.name).running_var"),
                        relativeToMax: Self.logitsTolerance, "after1.\(norm.name).running_var")
            #expect(norm.numBatchesTracked == (try cases.int64s("after1.\(norm.name).num_batches_tracked")[0]))
        }
    }

    @Test(arguments: cases)
    func twoSGDStepsMatchPyTorch(_ parityCase: Case) throws {
        let cases = try Fixtures.load(parityCase.fixture + ".cases.safetensors")
        let network = try makeNetwork(parityCase)
        let input = try cases.tensor("input")
        let labels = try cases.int64s("labels").map(Int.init)
        let optimizer = SGD(parameters: network.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)

        var losses: [Float] = []
        for _ in 0..<2 {
            optimizer.zeroGradients()
            let logits = network.forward(input, mode: .training)
            let (loss, gradient) = CrossEntropy.lossAndGradient(logits: logits, labels: labels)
            network.backward(gradient)
            optimizer.step()
            losses.append(loss)
        }

        let expectedLosses = try cases.tensor("expected.step_losses").scalars
        for (actual, expected) in zip(losses, expectedLosses) {
            #expect(abs(actual - expected) <= Self.stepTolerance * abs(expected), "step loss \(actual) vs \(expected)")
        }
        let state = network.stateDict()
        for name in state.names {
            if name.hasSuffix("num_batches_tracked") {
                #expect(try state.int64s(name) == (try cases.int64s("step2." + name)), "step2.\(name)")
            } else {
                expectClose(try state.tensor(name), try cases.tensor("step2." + name),
                            relativeToMax: Self.stepTolerance, "step2." + name)
            }
        }
    }
}
