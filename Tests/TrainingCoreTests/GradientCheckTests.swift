import Testing
import TrainingCore

/// Finite-difference checks of every layer's backward pass on tiny shapes.
///
/// The loss is `f = sum(layer(x) * r)` for a fixed random `r`, so `df/dy = r`. Central
/// differences with step 1e-2 in float32 carry an error of about 1e-4 of the gradient's
/// scale; the bound is 2e-3 of the largest analytic gradient.
struct GradientCheckTests {
    static let step: Float = 1e-2
    static let tolerance: Float = 2e-3

    func objective(_ layer: any Layer, _ input: Tensor, _ projection: Tensor) -> Double {
        let output = layer.forward(input, mode: .training)
        var sum = 0.0
        for index in 0..<output.count {
            sum += Double(output.scalars[index]) * Double(projection.scalars[index])
        }
        return sum
    }

    /// Compares analytic and numeric gradients of the input and of every parameter.
    /// `margin` moves inputs away from 0, where a kink (ReLU) would break the difference quotient.
    func checkLayer(_ layer: any Layer, inputShape: [Int], seed: UInt64, margin: Float = 0,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        var input = randomTensor(inputShape, seed: seed)
        input.scalars = input.scalars.map { $0 < 0 ? $0 - margin : $0 + margin }
        let projection = randomTensor(layer.outputShape(for: inputShape), seed: seed + 1)
        for parameter in layer.parameters {
            parameter.value = randomTensor(parameter.value.shape, seed: seed + 2)
            // Batch-norm scales near 1 keep the normalised values well conditioned.
            if parameter.value.rank == 1 && parameter.name.hasSuffix("weight") {
                parameter.value.scalars = parameter.value.scalars.map { 1 + 0.5 * $0 }
            }
            parameter.zeroGradient()
        }

        _ = layer.forward(input, mode: .training)
        let inputGradient = layer.backward(projection)
        let parameterGradients = layer.parameters.map(\.gradient)

        func numeric(_ perturb: (Float) -> Void) -> Float {
            perturb(Self.step)
            let plus = objective(layer, input, projection)
            perturb(-2 * Self.step)
            let minus = objective(layer, input, projection)
            perturb(Self.step)
            return Float((plus - minus) / (2 * Double(Self.step)))
        }

        var numericInput = Tensor(zeros: inputShape)
        for index in 0..<input.count {
            numericInput.scalars[index] = numeric { input.scalars[index] += $0 }
        }
        expectClose(inputGradient, numericInput, relativeToMax: Self.tolerance, "input gradient",
                    sourceLocation: sourceLocation)

        for (parameter, analytic) in zip(layer.parameters, parameterGradients) {
            var numericGradient = Tensor(zeros: parameter.value.shape)
            for index in 0..<parameter.value.count {
                numericGradient.scalars[index] = numeric { parameter.value.scalars[index] += $0 }
            }
            expectClose(analytic, numericGradient, relativeToMax: Self.tolerance, parameter.name,
                        sourceLocation: sourceLocation)
        }
    }

    let executor = Executor(threadCount: 2)

    @Test(arguments: [(3, 1, 1, true), (3, 2, 1, false), (1, 2, 0, true), (3, 1, 0, false), (5, 2, 2, true)])
    func conv2dBackwardMatchesFiniteDifferences(_ kernel: Int, _ stride: Int, _ padding: Int, _ bias: Bool) {
        let layer = Conv2d(name: "conv", inChannels: 2, outChannels: 3, kernelSize: kernel, stride: stride,
                           padding: padding, hasBias: bias, executor: executor)
        checkLayer(layer, inputShape: [2, 2, 7, 6], seed: 10)
    }

    @Test
    func conv2dWeightGradientSpansSeveralColumnBlocks() {
        // K = 9 * 9 = 81 rows: more than one 64-column block of the weight gradient.
        let layer = Conv2d(name: "conv", inChannels: 9, outChannels: 2, kernelSize: 3, padding: 1,
                           hasBias: false, executor: executor)
        checkLayer(layer, inputShape: [2, 9, 4, 4], seed: 11)
    }

    @Test
    func batchNormBackwardMatchesFiniteDifferences() {
        checkLayer(BatchNorm2d(name: "bn", channels: 3, executor: executor), inputShape: [3, 3, 2, 3], seed: 20)
    }

    @Test
    func linearBackwardMatchesFiniteDifferences() {
        checkLayer(Linear(name: "fc", inFeatures: 5, outFeatures: 4), inputShape: [3, 5], seed: 30)
    }

    @Test
    func reluBackwardMatchesFiniteDifferences() {
        checkLayer(ReLU(), inputShape: [2, 3, 4, 4], seed: 40, margin: 0.1)
    }

    @Test
    func maxPoolBackwardMatchesFiniteDifferences() {
        checkLayer(MaxPool2d(executor: Executor(threadCount: 2)), inputShape: [2, 2, 5, 4], seed: 50)
    }

    @Test
    func globalAveragePoolBackwardMatchesFiniteDifferences() {
        checkLayer(GlobalAveragePool(), inputShape: [2, 3, 3, 2], seed: 60)
    }

    @Test
    func crossEntropyGradientMatchesFiniteDifferences() {
        var logits = randomTensor([3, 5], seed: 70)
        let labels = [4, 0, 2]
        let analytic = CrossEntropy.lossAndGradient(logits: logits, labels: labels).gradient
        var numeric = Tensor(zeros: logits.shape)
        for index in 0..<logits.count {
            logits.scalars[index] += Self.step
            let plus = CrossEntropy.lossAndGradient(logits: logits, labels: labels).loss
            logits.scalars[index] -= 2 * Self.step
            let minus = CrossEntropy.lossAndGradient(logits: logits, labels: labels).loss
            logits.scalars[index] += Self.step
            numeric.scalars[index] = (plus - minus) / (2 * Self.step)
        }
        expectClose(analytic, numeric, relativeToMax: 1e-2, "cross-entropy gradient")
    }

    @Test
    func crossEntropyOfUniformLogitsIsLogOfClassCount() {
        let (loss, _) = CrossEntropy.lossAndGradient(logits: Tensor(repeating: 3, shape: [2, 10]), labels: [1, 9])
        #expect(abs(loss - Float(2.302585093)) < 1e-6)
    }

    @Test
    func crossEntropyIsFiniteForLargeLogits() {
        let logits = Tensor(shape: [1, 3], scalars: [1000, -1000, 0])
        let (loss, gradient) = CrossEntropy.lossAndGradient(logits: logits, labels: [1])
        #expect(abs(loss - 2000) < 1e-3)
        #expect(gradient.scalars.allSatisfy { $0.isFinite })
    }
}
