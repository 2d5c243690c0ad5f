/// 2-D convolution `y[n, o] = bias[o] + sum_{c, kh, kw} weight[o, c, kh, kw] * x[n, c, ...]`,
/// as PyTorch's `nn.Conv2d` (cross-correlation, zero padding, no dilation or groups).
///
/// Shapes: input `[N, C, H, W]`, weight `[O, C, KH, KW]`, bias `[O]`, output `[N, O, Ho, Wo]`
/// with `Ho = (H + 2 * padding - KH) / stride + 1`.
///
/// Each pass is im2col + OpenBLAS sgemm per image. Images are independent chunks for the
/// forward pass and the input gradient. The weight gradient sums over images, so it is
/// cut by fixed blocks of weight columns instead: each block sums its images in order.
public final class Conv2d: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int
    public let padding: Int
    private let executor: Executor
    private var cachedInput: Tensor?

    /// Columns of the weight gradient per chunk; a constant, so chunks never depend on threads.
    static let weightGradientBlockColumns = 64

    public init(name: String, inChannels: Int, outChannels: Int, kernelSize: Int,
                stride: Int = 1, padding: Int = 0, hasBias: Bool, executor: Executor) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
                     "invalid convolution \(name): \(inChannels)->\(outChannels), kernel \(kernelSize)")
        weight = Parameter(name: name + ".weight",
                           value: Tensor(zeros: [outChannels, inChannels, kernelSize, kernelSize]))
        bias = hasBias ? Parameter(name: name + ".bias", value: Tensor(zeros: [outChannels])) : nil
        self.stride = stride
        self.padding = padding
        self.executor = executor
    }

    public var outChannels: Int { weight.value.shape[0] }
    public var inChannels: Int { weight.value.shape[1] }
    public var kernelSize: Int { weight.value.shape[2] }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    func geometry(for inputShape: [Int]) -> ConvolutionGeometry {
        precondition(inputShape.count == 4 && inputShape[1] == inChannels,
                     "\(weight.name): expected input [N, \(inChannels), H, W], got \(inputShape)")
        let geometry = ConvolutionGeometry(
            channels: inChannels, height: inputShape[2], width: inputShape[3],
            kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding)
        precondition(geometry.outputHeight > 0 && geometry.outputWidth > 0,
                     "\(weight.name): input \(inputShape) is smaller than the kernel")
        return geometry
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let geometry = geometry(for: inputShape)
        return [inputShape[0], outChannels, geometry.outputHeight, geometry.outputWidth]
    }

    public func multiplyAccumulates(for inputShape: [Int]) -> Int {
        let geometry = geometry(for: inputShape)
        return inputShape[0] * outChannels * geometry.rows * geometry.columns
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        let geometry = geometry(for: input.shape)
        let batch = input.shape[0], outChannels = self.outChannels
        let rows = geometry.rows, columns = geometry.columns
        var output = Tensor(zeros: outputShape(for: input.shape))
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: executor.threadCount * rows * columns)
        defer { scratch.deallocate() }

        input.scalars.withUnsafeBufferPointer { inputBuffer in
            weight.value.scalars.withUnsafeBufferPointer { weightBuffer in
                output.scalars.withUnsafeMutableBufferPointer { outputBuffer in
                    let inputBase = inputBuffer.baseAddress!, weightBase = weightBuffer.baseAddress!
                    let outputBase = outputBuffer.baseAddress!
                    executor.forEachChunk(batch) { image, worker in
                        let columnsMatrix = scratch + worker * rows * columns
                        geometry.im2col(inputBase + image * geometry.inputCount, into: columnsMatrix)
                        BLAS.sgemm(transposeA: false, transposeB: false,
                                   m: outChannels, n: columns, k: rows,
                                   alpha: 1, a: weightBase, lda: rows, b: columnsMatrix, ldb: columns,
                                   beta: 0, c: outputBase + image * outChannels * columns, ldc: columns)
                    }
                }
            }
        }
        if let bias {
            Self.addBias(bias.value, to: &output)
        }
        cachedInput = mode == .training ? input : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = cachedInput else {
            preconditionFailure("\(weight.name): backward without a training forward")
        }
        cachedInput = nil
        let geometry = geometry(for: input.shape)
        precondition(outputGradient.shape == outputShape(for: input.shape),
                     "\(weight.name): output gradient \(outputGradient.shape) does not match the forward output")

        if let bias {
            Self.accumulateBiasGradient(outputGradient, into: &bias.gradient)
        }
        accumulateWeightGradient(input: input, outputGradient: outputGradient, geometry: geometry)
        return inputGradient(outputGradient, geometry: geometry, inputShape: input.shape)
    }

    /// `dx[n] = col2im(weight^T [K, O] x dy[n] [O, Ho * Wo])`, one image per chunk.
    private func inputGradient(_ outputGradient: Tensor, geometry: ConvolutionGeometry,
                               inputShape: [Int]) -> Tensor {
        let batch = inputShape[0], outChannels = self.outChannels
        let rows = geometry.rows, columns = geometry.columns
        var inputGradient = Tensor(zeros: inputShape)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: executor.threadCount * rows * columns)
        defer { scratch.deallocate() }

        outputGradient.scalars.withUnsafeBufferPointer { gradientBuffer in
            weight.value.scalars.withUnsafeBufferPointer { weightBuffer in
                inputGradient.scalars.withUnsafeMutableBufferPointer { resultBuffer in
                    let gradientBase = gradientBuffer.baseAddress!, weightBase = weightBuffer.baseAddress!
                    let resultBase = resultBuffer.baseAddress!
                    executor.forEachChunk(batch) { image, worker in
                        let columnsGradient = scratch + worker * rows * columns
                        BLAS.sgemm(transposeA: true, transposeB: false,
                                   m: rows, n: columns, k: outChannels,
                                   alpha: 1, a: weightBase, lda: rows,
                                   b: gradientBase + image * outChannels * columns, ldb: columns,
                                   beta: 0, c: columnsGradient, ldc: columns)
                        geometry.col2im(columnsGradient, addingInto: resultBase + image * geometry.inputCount)
                    }
                }
            }
        }
        return inputGradient
    }

    /// `dweight[O, K] += sum_n dy[n] [O, Ho * Wo] x columns[n]^T`, by fixed column blocks.
    private func accumulateWeightGradient(input: Tensor, outputGradient: Tensor, geometry: ConvolutionGeometry) {
        let batch = input.shape[0], outChannels = self.outChannels
        let rows = geometry.rows, columns = geometry.columns
        let allColumns = UnsafeMutablePointer<Float>.allocate(capacity: batch * rows * columns)
        defer { allColumns.deallocate() }

        input.scalars.withUnsafeBufferPointer { inputBuffer in
            let inputBase = inputBuffer.baseAddress!
            executor.forEachChunk(batch) { image, _ in
                geometry.im2col(inputBase + image * geometry.inputCount, into: allColumns + image * rows * columns)
            }
        }

        let blockWidth = Self.weightGradientBlockColumns
        let blockCount = (rows + blockWidth - 1) / blockWidth
        outputGradient.scalars.withUnsafeBufferPointer { gradientBuffer in
            weight.gradient.scalars.withUnsafeMutableBufferPointer { weightGradientBuffer in
                let gradientBase = gradientBuffer.baseAddress!
                let weightGradientBase = weightGradientBuffer.baseAddress!
                executor.forEachChunk(blockCount) { block, _ in
                    let firstRow = block * blockWidth
                    let width = min(blockWidth, rows - firstRow)
                    for image in 0..<batch {
                        BLAS.sgemm(transposeA: false, transposeB: true,
                                   m: outChannels, n: width, k: columns,
                                   alpha: 1, a: gradientBase + image * outChannels * columns, lda: columns,
                                   b: allColumns + image * rows * columns + firstRow * columns, ldb: columns,
                                   beta: 1, c: weightGradientBase + firstRow, ldc: rows)
                    }
                }
            }
        }
    }

    /// Adds `bias[o]` to every position of channel `o` of an `[N, O, ...]` tensor.
    static func addBias(_ bias: Tensor, to output: inout Tensor) {
        let batch = output.shape[0], channels = output.shape[1]
        let plane = output.count / max(1, batch * channels)
        output.scalars.withUnsafeMutableBufferPointer { target in
            bias.scalars.withUnsafeBufferPointer { biasBuffer in
                for image in 0..<batch {
                    for channel in 0..<channels {
                        let value = biasBuffer[channel]
                        let start = (image * channels + channel) * plane
                        for index in start..<(start + plane) {
                            target[index] += value
                        }
                    }
                }
            }
        }
    }

    /// `dbias[o] += sum over n and positions of dy[n, o, ...]`, summed in double in a fixed order.
    static func accumulateBiasGradient(_ outputGradient: Tensor, into gradient: inout Tensor) {
        let batch = outputGradient.shape[0], channels = outputGradient.shape[1]
        let plane = outputGradient.count / max(1, batch * channels)
        outputGradient.scalars.withUnsafeBufferPointer { source in
            gradient.scalars.withUnsafeMutableBufferPointer { target in
                for channel in 0..<channels {
                    var sum = 0.0
                    for image in 0..<batch {
                        let start = (image * channels + channel) * plane
                        for index in start..<(start + plane) {
                            sum += Double(source[index])
                        }
                    }
                    target[channel] += Float(sum)
                }
            }
        }
    }
}
