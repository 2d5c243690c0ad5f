/// 2-D convolution `y[n, o] = bias[o] + sum_{c, kh, kw} weight[o, c, kh, kw] * x[n, c, ...]`,
/// as PyTorch's `nn.Conv2d` (cross-correlation, zero padding, no dilation or groups).
///
/// Shapes: input `[N, C, H, W]`, weight `[O, C, KH, KW]`, bias `[O]`, output `[N, O, Ho, Wo]`
/// with `Ho = (H + 2 * padding - KH) / stride + 1`.
///
/// Each pass is im2col + OpenBLAS sgemm. The backward pass runs one sgemm per chunk of `G`
/// images laid side by side, `[K, G * Ho * Wo]`, and so does the forward pass of images with
/// fewer than `minimumColumnsPerImageProduct` output positions. Products with few columns run
/// far from peak: per-image backward products measured up to 11 % slower than the chunk's.
/// `G` depends on the layer's shape only (`imagesPerChunk`), never on the thread count.
///
/// Forward: chunks are independent. Images of at least `minimumColumnsPerImageProduct`
/// output positions get one sgemm each. Otherwise a batch whose size is not a multiple of
/// `G` pads its last chunk with zero columns. Either way every sgemm of a layer has one
/// shape, so an image's output does not depend on the batch it came in.
/// Backward: the batch is cut into groups of `imagesPerGradientGroup` images. Each group
/// sums its chunks' weight gradients in order into its own partial, transposed (`[K, O]`),
/// then the partials are added to the weight gradient in group order.
public final class Conv2d: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int
    public let padding: Int
    private let executor: Executor
    private var cachedInput: Tensor?

    /// Columns of one chunk's sgemm that `imagesPerChunk` aims for.
    static let targetChunkColumns = 2048
    /// At most this many images per chunk, so that a batch of 128 gives at least 8 chunks.
    static let maximumImagesPerChunk = 16
    /// From this many output positions per image (16x16 and up) the forward pass runs one sgemm
    /// per image on a dense im2col matrix, straight into the output, which saves the scatter.
    /// Against one chunk's sgemm (single-threaded, benchmarks/sgemm_orientations.py) it was
    /// 11 % faster at 16x16 and 2 % slower at 32x32 and 8x8. A threshold of 64 made
    /// ResNet110 steps up to 4.5 % shorter, but OpenBLAS then summed 14x14 products in another
    /// order and every demo trial changed. At 256 the committed demo reproduces bit for bit.
    static let minimumColumnsPerImageProduct = 256
    /// Images per weight-gradient partial: a multiple of every chunk size.
    static let imagesPerGradientGroup = 32
    /// Floats per chunk of the final sum of weight-gradient partials, rounded to whole channels.
    static let reductionBlock = 1 << 16

    /// The chunk size `G` for a layer: the largest power of two up to
    /// `maximumImagesPerChunk` with `G * Ho * Wo <= targetChunkColumns` (at least 1).
    static func imagesPerChunk(for geometry: ConvolutionGeometry) -> Int {
        var images = 1
        while images * 2 <= maximumImagesPerChunk && images * 2 * geometry.columns <= targetChunkColumns {
            images *= 2
        }
        return images
    }

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
        let rows = geometry.rows, columns = geometry.columns, inputCount = geometry.inputCount
        let chunkImages = Self.imagesPerChunk(for: geometry)
        let chunkColumns = chunkImages * columns
        let chunkCount = (batch + chunkImages - 1) / chunkImages
        let perImage = columns >= Self.minimumColumnsPerImageProduct
        let columnMatrices = executor.workerScratch(slot: 0, count: rows * (perImage ? columns : chunkColumns))
        let products = executor.workerScratch(slot: 1, count: perImage ? 0 : outChannels * chunkColumns)
        let biasValues = bias?.value.scalars

        // Every output element is written below, so the output starts uninitialised.
        let output = input.scalars.withUnsafeBufferPointer { inputBuffer in
            weight.value.scalars.withUnsafeBufferPointer { weightBuffer in
                Tensor(shape: outputShape(for: input.shape)) { outputBuffer in
                    let inputBase = inputBuffer.baseAddress!, weightBase = weightBuffer.baseAddress!
                    let outputBase = outputBuffer.baseAddress!
                    executor.forEachChunk(chunkCount) { chunk, worker in
                        let columnMatrix = columnMatrices[worker], product = products[worker]
                        let firstImage = chunk * chunkImages
                        let imageCount = min(chunkImages, batch - firstImage)

                        if perImage {
                            // One product per image, written straight into the output [O, Ho * Wo].
                            for image in firstImage..<(firstImage + imageCount) {
                                geometry.im2col(inputBase + image * inputCount, into: columnMatrix, rowStride: columns)
                                let target = outputBase + image * outChannels * columns
                                BLAS.sgemm(transposeA: false, transposeB: false,
                                           m: outChannels, n: columns, k: rows,
                                           alpha: 1, a: weightBase, lda: rows, b: columnMatrix, ldb: columns,
                                           beta: 0, c: target, ldc: columns)
                                if let biasValues {
                                    for channel in 0..<outChannels {
                                        let value = biasValues[channel], channelStart = target + channel * columns
                                        for index in 0..<columns {
                                            channelStart[index] += value
                                        }
                                    }
                                }
                            }
                            return
                        }

                        // Lay the chunk's images side by side; missing images are zero columns.
                        for slot in 0..<chunkImages {
                            let block = columnMatrix + slot * columns
                            if slot < imageCount {
                                geometry.im2col(inputBase + (firstImage + slot) * inputCount,
                                                into: block, rowStride: chunkColumns)
                            } else {
                                for row in 0..<rows {
                                    (block + row * chunkColumns).update(repeating: 0, count: columns)
                                }
                            }
                        }
                        BLAS.sgemm(transposeA: false, transposeB: false,
                                   m: outChannels, n: chunkColumns, k: rows,
                                   alpha: 1, a: weightBase, lda: rows, b: columnMatrix, ldb: chunkColumns,
                                   beta: 0, c: product, ldc: chunkColumns)

                        // Scatter [O, G * Ho * Wo] back to [G, O, Ho, Wo], adding the bias after the product.
                        for slot in 0..<imageCount {
                            for channel in 0..<outChannels {
                                let source = product + channel * chunkColumns + slot * columns
                                let target = outputBase + ((firstImage + slot) * outChannels + channel) * columns
                                if let biasValues {
                                    let value = biasValues[channel]
                                    for index in 0..<columns {
                                        target[index] = source[index] + value
                                    }
                                } else {
                                    target.update(from: source, count: columns)
                                }
                            }
                        }
                    }
                }
            }
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
            accumulateBiasGradient(outputGradient, into: &bias.gradient)
        }
        return weightAndInputGradients(input: input, outputGradient: outputGradient, geometry: geometry)
    }

    /// Adds `dweight[O, K] = sum_n dy[n] [O, Ho * Wo] x columns[n]^T` into the weight gradient
    /// and returns `dx[n] = col2im(weight^T [K, O] x dy[n])`, one group of images per chunk.
    private func weightAndInputGradients(input: Tensor, outputGradient: Tensor,
                                         geometry: ConvolutionGeometry) -> Tensor {
        let batch = input.shape[0], outChannels = self.outChannels
        let rows = geometry.rows, columns = geometry.columns, inputCount = geometry.inputCount
        let chunkImages = Self.imagesPerChunk(for: geometry)
        let groupImages = Self.imagesPerGradientGroup
        let groupCount = (batch + groupImages - 1) / groupImages
        let weightCount = outChannels * rows
        let columnMatrices = executor.workerScratch(slot: 0, count: rows * chunkImages * columns)
        let chunkGradients = executor.workerScratch(slot: 1, count: outChannels * chunkImages * columns)
        let partials = executor.sharedScratch(slot: 0, count: groupCount * weightCount)

        // col2im writes every element of each image's input gradient, so the result starts
        // uninitialised.
        let inputGradient = input.scalars.withUnsafeBufferPointer { inputBuffer in
            outputGradient.scalars.withUnsafeBufferPointer { gradientBuffer in
                weight.value.scalars.withUnsafeBufferPointer { weightBuffer in
                    Tensor(shape: input.shape) { resultBuffer in
                        let inputBase = inputBuffer.baseAddress!, gradientBase = gradientBuffer.baseAddress!
                        let weightBase = weightBuffer.baseAddress!, resultBase = resultBuffer.baseAddress!
                        executor.forEachChunk(groupCount) { group, worker in
                            let columnMatrix = columnMatrices[worker], chunkGradient = chunkGradients[worker]
                            let partial = partials + group * weightCount
                            let groupEnd = min(batch, (group + 1) * groupImages)
                            var firstImage = group * groupImages
                            while firstImage < groupEnd {
                                let imageCount = min(chunkImages, groupEnd - firstImage)
                                let width = imageCount * columns

                                // Gather dy [n, O, Ho * Wo] into [O, n * Ho * Wo] beside the columns.
                                for slot in 0..<imageCount {
                                    let image = firstImage + slot
                                    geometry.im2col(inputBase + image * inputCount, into: columnMatrix + slot * columns,
                                                    rowStride: width)
                                    for channel in 0..<outChannels {
                                        (chunkGradient + channel * width + slot * columns).update(
                                            from: gradientBase + (image * outChannels + channel) * columns,
                                            count: columns)
                                    }
                                }
                                // dweight^T [K, O] = columns x dy^T, because OpenBLAS ran it in half the
                                // time of [O, K] for 16 output channels (measured, benchmarks/RESULTS.md).
                                BLAS.sgemm(transposeA: false, transposeB: true,
                                           m: rows, n: outChannels, k: width,
                                           alpha: 1, a: columnMatrix, lda: width, b: chunkGradient, ldb: width,
                                           beta: firstImage == group * groupImages ? 0 : 1, c: partial,
                                           ldc: outChannels)

                                // The column matrix is spent: reuse it for the column gradient.
                                BLAS.sgemm(transposeA: true, transposeB: false,
                                           m: rows, n: width, k: outChannels,
                                           alpha: 1, a: weightBase, lda: rows, b: chunkGradient, ldb: width,
                                           beta: 0, c: columnMatrix, ldc: width)
                                for slot in 0..<imageCount {
                                    let target = resultBase + (firstImage + slot) * inputCount
                                    geometry.col2im(columnMatrix + slot * columns, rowStride: width, into: target)
                                }
                                firstImage += imageCount
                            }
                        }
                    }
                }
            }
        }
        addPartials(partials, count: groupCount, into: &weight.gradient)
        return inputGradient
    }

    /// Adds `partials[0]^T + partials[1]^T + ...` to the gradient, in that order for every
    /// element. Each partial is `[K, O]` and the gradient `[O, K]`. Each chunk takes a range of
    /// output channels and transposes in tiles of 16 rows, so that a tile's 16 source rows stay
    /// in cache while all of the chunk's channels read them. A plain strided loop spent most of
    /// its time in misses.
    private func addPartials(_ partials: UnsafeMutablePointer<Float>, count: Int, into gradient: inout Tensor) {
        let total = gradient.count, outChannels = self.outChannels, rows = total / outChannels
        let channelsPerChunk = max(1, Self.reductionBlock / rows)
        gradient.scalars.withUnsafeMutableBufferPointer { target in
            let targetBase = target.baseAddress!
            executor.forEachChunk((outChannels + channelsPerChunk - 1) / channelsPerChunk) { chunk, _ in
                let channels = (chunk * channelsPerChunk)..<min(outChannels, (chunk + 1) * channelsPerChunk)
                for partial in 0..<count {
                    let source = partials + partial * total
                    var tileStart = 0
                    while tileStart < rows {
                        let tileEnd = min(rows, tileStart + 16)
                        for channel in channels {
                            let targetRow = targetBase + channel * rows
                            for row in tileStart..<tileEnd {
                                targetRow[row] += source[row * outChannels + channel]
                            }
                        }
                        tileStart = tileEnd
                    }
                }
            }
        }
    }

    /// `dbias[o] += sum over n and positions of dy[n, o, ...]`, summed in double in a fixed order
    /// (see `LaneSum`), one chunk per output channel.
    private func accumulateBiasGradient(_ outputGradient: Tensor, into gradient: inout Tensor) {
        let batch = outputGradient.shape[0], channels = outputGradient.shape[1]
        let plane = outputGradient.count / max(1, batch * channels)
        outputGradient.scalars.withUnsafeBufferPointer { source in
            gradient.scalars.withUnsafeMutableBufferPointer { target in
                let base = source.baseAddress!, targetBase = target.baseAddress!
                executor.forEachChunk(channels) { channel, _ in
                    var sum = 0.0
                    for image in 0..<batch {
                        sum += LaneSum.sum(base + (image * channels + channel) * plane, count: plane)
                    }
                    targetBase[channel] += Float(sum)
                }
            }
        }
    }
}
