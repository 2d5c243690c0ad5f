import Testing
import TrainingCore

/// Fast kernels against their naive twins: bitwise where both sum in the same order,
/// otherwise at a stated tolerance.
struct KernelOracleTests {
    /// (channels, height, width, kernel, stride, padding): stride 1 and 2, padding 0 to 2,
    /// 1x1 kernels, odd sizes and a kernel wider than the padded border allows on one side.
    /// Stride 1 with output rows as wide as input rows takes the one-run path: 3x3 padding 1,
    /// 1x1, 5x5 padding 2, and images smaller than the kernel.
    static let geometries: [(Int, Int, Int, Int, Int, Int)] = [
        (3, 8, 8, 3, 1, 1), (2, 7, 6, 3, 2, 1), (4, 9, 9, 1, 2, 0), (2, 5, 7, 1, 1, 0),
        (1, 6, 5, 5, 2, 2), (3, 4, 4, 3, 1, 0), (2, 3, 3, 3, 1, 2), (1, 11, 10, 3, 3, 1),
        (2, 6, 7, 5, 1, 2), (2, 2, 2, 3, 1, 1), (1, 1, 1, 3, 1, 1), (2, 3, 4, 5, 1, 2),
    ]

    func geometry(_ shape: (Int, Int, Int, Int, Int, Int)) -> ConvolutionGeometry {
        ConvolutionGeometry(channels: shape.0, height: shape.1, width: shape.2, kernelHeight: shape.3,
                            kernelWidth: shape.3, stride: shape.4, padding: shape.5)
    }

    @Test(arguments: geometries)
    func im2colEqualsReferenceBitwise(_ shape: (Int, Int, Int, Int, Int, Int)) {
        let geometry = geometry(shape)
        let image = randomTensor([geometry.inputCount], seed: 31).scalars
        #expect(geometry.columnMatrix(of: image, reference: false).map(\.bitPattern)
                == geometry.columnMatrix(of: image, reference: true).map(\.bitPattern))
    }

    @Test(arguments: geometries)
    func col2imEqualsReferenceBitwise(_ shape: (Int, Int, Int, Int, Int, Int)) {
        let geometry = geometry(shape)
        let matrix = randomTensor([geometry.rows * geometry.columns], seed: 32).scalars
        let image = randomTensor([geometry.inputCount], seed: 33).scalars
        #expect(geometry.addingColumnMatrix(matrix, to: image, reference: false).map(\.bitPattern)
                == geometry.addingColumnMatrix(matrix, to: image, reference: true).map(\.bitPattern))
    }

    /// An image of -0 and a matrix with -0 and +0 entries. col2im that adds must keep every
    /// sign of zero as the reference has it, so it may not add +0 at padding positions as the
    /// writing kernel does. Compared by bit pattern, because -0 == +0.
    @Test(arguments: geometries)
    func col2imKeepsSignedZeros(_ shape: (Int, Int, Int, Int, Int, Int)) {
        let geometry = geometry(shape)
        let matrix = randomTensor([geometry.rows * geometry.columns], seed: 38).scalars.enumerated().map {
            $0.offset % 3 == 0 ? -0.0 : ($0.offset % 3 == 1 ? 0 : $0.element)
        }
        let image = [Float](repeating: -0.0, count: geometry.inputCount)
        let fast = geometry.addingColumnMatrix(matrix, to: image, reference: false)
        let reference = geometry.addingColumnMatrix(matrix, to: image, reference: true)
        #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
    }

    /// col2im that writes its image against zeros plus the reference, by bit pattern, for a
    /// random matrix and for one with signed zeros.
    @Test(arguments: geometries)
    func col2imWritingEqualsZeroingAndAdding(_ shape: (Int, Int, Int, Int, Int, Int)) {
        let geometry = geometry(shape)
        let random = randomTensor([geometry.rows * geometry.columns], seed: 39).scalars
        let zeros = random.enumerated().map { $0.offset % 2 == 0 ? Float(-0.0) : 0 }
        for matrix in [random, zeros] {
            let fast = geometry.imageOfColumnMatrix(matrix, reference: false)
            let reference = geometry.imageOfColumnMatrix(matrix, reference: true)
            #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
        }
    }

    /// Batch 37 of 8x8 (or 16x16) images, in gradient groups of 32 (the last one short). At
    /// stride 1 from 16x16 the forward pass runs one sgemm per image. Otherwise it runs chunks
    /// of 16 images (8x8 and 4x4 outputs), the last one padded. Float sums of up to 576 terms
    /// against double sums: the bound is 1e-5 of the largest reference value. With 130 output
    /// channels the weight gradient (74,880 floats) spans two chunks of the partials' reduction.
    @Test(arguments: [(3, 1, 1, true, 24, 8), (3, 2, 1, false, 24, 8), (3, 2, 1, true, 24, 8),
                      (1, 2, 0, false, 24, 8), (1, 1, 0, true, 24, 8), (3, 1, 1, false, 130, 8),
                      (3, 1, 1, true, 24, 16), (3, 2, 1, true, 24, 16)])
    func conv2dEqualsDirectLoops(_ kernel: Int, _ stride: Int, _ padding: Int, _ hasBias: Bool,
                                 _ outChannels: Int, _ size: Int) {
        let tolerance: Float = 1e-5
        let layer = Conv2d(name: "conv", inChannels: 64, outChannels: outChannels, kernelSize: kernel,
                           stride: stride, padding: padding, hasBias: hasBias, executor: Executor(threadCount: 2))
        layer.weight.value = randomTensor(layer.weight.value.shape, seed: 34)
        layer.bias?.value = randomTensor([outChannels], seed: 35)
        let input = randomTensor([37, 64, size, size], seed: 36)

        let output = layer.forward(input, mode: .training)
        let expectedOutput = Conv2d.referenceForward(input: input, weight: layer.weight.value,
                                                     bias: layer.bias?.value, stride: stride, padding: padding)
        expectClose(output, expectedOutput, relativeToMax: tolerance, "output")

        let outputGradient = randomTensor(output.shape, seed: 37)
        let inputGradient = layer.backward(outputGradient)
        let expected = Conv2d.referenceGradients(input: input, weight: layer.weight.value,
                                                 outputGradient: outputGradient, stride: stride, padding: padding)
        expectClose(inputGradient, expected.input, relativeToMax: tolerance, "input gradient")
        expectClose(layer.weight.gradient, expected.weight, relativeToMax: tolerance, "weight gradient")
        if let bias = layer.bias {
            expectClose(bias.gradient, expected.bias, relativeToMax: tolerance, "bias gradient")
        }
    }

    /// Rectangular kernels at stride 1. With 1x3 and padding 1, or 3x1 without padding, output
    /// rows are as wide as input rows but the height differs. With 3x1 and padding 1, output
    /// rows are wider than the input's.
    @Test(arguments: [(1, 3, 1), (3, 1, 0), (3, 1, 1)])
    func rectangularKernelsEqualReference(_ kernelHeight: Int, _ kernelWidth: Int, _ padding: Int) {
        let geometry = ConvolutionGeometry(channels: 2, height: 5, width: 6, kernelHeight: kernelHeight,
                                           kernelWidth: kernelWidth, stride: 1, padding: padding)
        let image = randomTensor([geometry.inputCount], seed: 42).scalars
        let matrix = randomTensor([geometry.rows * geometry.columns], seed: 43).scalars
        #expect(geometry.columnMatrix(of: image, reference: false).map(\.bitPattern)
                == geometry.columnMatrix(of: image, reference: true).map(\.bitPattern))
        #expect(geometry.addingColumnMatrix(matrix, to: image, reference: false).map(\.bitPattern)
                == geometry.addingColumnMatrix(matrix, to: image, reference: true).map(\.bitPattern))
        #expect(geometry.imageOfColumnMatrix(matrix, reference: false).map(\.bitPattern)
                == geometry.imageOfColumnMatrix(matrix, reference: true).map(\.bitPattern))
    }

    /// The SIMD lane sums against the four scalar lanes, by bit pattern, for counts with and
    /// without a remainder after the groups of four.
    @Test(arguments: [0, 1, 3, 4, 5, 7, 8, 64, 1023, 1025])
    func laneSumsEqualScalarLanes(_ count: Int) {
        let x = randomTensor([count], seed: 40).scalars.map { $0 * 3 + 0.5 }
        let gradient = randomTensor([count], seed: 41).scalars
        let mean = 0.4375, inverseStd = 1.3
        let fast = LaneSum.sums(x: x, gradient: gradient, mean: mean, inverseStd: inverseStd)
        let sum = LaneSum.single(count) { Double(x[$0]) }
        let squares = LaneSum.single(count) { (Double(x[$0]) - mean) * (Double(x[$0]) - mean) }
        let pair = LaneSum.pairs(count) { index in
            let xhat = Float((Double(x[index]) - mean) * inverseStd)
            return (Double(gradient[index]), Double(gradient[index]) * Double(xhat))
        }
        #expect(fast.sum.bitPattern == sum.bitPattern)
        #expect(fast.centeredSquares.bitPattern == squares.bitPattern)
        #expect(fast.gradient.bitPattern == pair.0.bitPattern)
        #expect(fast.product.bitPattern == pair.1.bitPattern)
    }

    /// ReLU's masked backward against the plain select, bit for bit, on signed zeros, NaN,
    /// infinities and subnormals in both the input and the gradient.
    @Test
    func reluBackwardEqualsSelect() {
        let specials: [Float] = [0, -0.0, 1, -1, .nan, -.nan, .infinity, -.infinity,
                                 .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 3e-39]
        let pairs = specials.flatMap { input in specials.map { gradient in (input, gradient) } }
        let relu = ReLU()
        let inputs = Tensor(shape: [pairs.count], scalars: pairs.map(\.0))
        let gradients = Tensor(shape: [pairs.count], scalars: pairs.map(\.1))
        let output = relu.forward(inputs, mode: .training)
        let result = relu.backward(gradients)
        for index in 0..<pairs.count {
            let expected: Float = output.scalars[index] > 0 ? pairs[index].1 : 0
            #expect(result.scalars[index].bitPattern == expected.bitPattern,
                    "input \(pairs[index].0), gradient \(pairs[index].1)")
        }
    }

    /// The fused residual sum and ReLU against `forward(first + second)`, bit for bit, on more
    /// elements than one block so that two threads share the work.
    @Test
    func reluOfSumEqualsSeparateAdd() {
        let shape = [3, 5, 97, 101]
        let first = randomTensor(shape, seed: 71), second = randomTensor(shape, seed: 72)
        let fused = ReLU(executor: Executor(threadCount: 2)).forward(sumOf: first, and: second, mode: .training)
        let separate = ReLU().forward(first + second, mode: .training)
        #expect(first.count > 1 << 16)
        #expect(fused.scalars.map(\.bitPattern) == separate.scalars.map(\.bitPattern))
    }

    /// The executor's in-place add over several 64 Ki blocks against the serial add.
    @Test
    func parallelAddEqualsSerialAdd() {
        let shape = [3, 5, 97, 101]
        var parallel = randomTensor(shape, seed: 73), serial = parallel
        let other = randomTensor(shape, seed: 74)
        parallel.add(other, executor: Executor(threadCount: 2))
        serial.add(other)
        #expect(parallel.count > 1 << 16)
        #expect(parallel.scalars.map(\.bitPattern) == serial.scalars.map(\.bitPattern))
    }
}

