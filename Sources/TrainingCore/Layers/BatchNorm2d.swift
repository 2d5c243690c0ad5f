/// Batch normalisation over `[N, C, H, W]` per channel, with PyTorch's `nn.BatchNorm2d`
/// semantics (Ioffe and Szegedy, 2015).
///
/// Training: `y = gamma * (x - mean) / sqrt(var + eps) + beta` with the batch mean and the
/// biased batch variance (divided by `M = N * H * W`); the running statistics move by
/// `momentum` towards the batch mean and the unbiased variance (divided by `M - 1`), and
/// `numBatchesTracked` counts the batches. Evaluation uses the running statistics.
///
/// Backward (training): with `xhat` the normalised input,
/// `dgamma = sum(dy * xhat)`, `dbeta = sum(dy)`,
/// `dx = gamma / sqrt(var + eps) * (dy - dbeta / M - xhat * dgamma / M)`.
/// Every channel is one chunk and sums its `M` values in double, in a fixed order (four
/// interleaved lanes per plane, see `LaneSum`).
/// The normalised `xhat` is recomputed in backward from the cached input rather than stored.
public final class BatchNorm2d: Layer {
    public let name: String
    public let weight: Parameter
    public let bias: Parameter
    public var runningMean: Tensor
    public var runningVariance: Tensor
    public var numBatchesTracked: Int64 = 0
    public let momentum: Float
    public let epsilon: Float
    private let executor: Executor
    private var cache: (input: Tensor, statistics: [ChannelStatistics])?

    public init(name: String, channels: Int, momentum: Float = 0.1, epsilon: Float = 1e-5, executor: Executor) {
        precondition(channels > 0, "\(name): channel count must be positive")
        self.name = name
        weight = Parameter(name: name + ".weight", value: Tensor(repeating: 1, shape: [channels]))
        bias = Parameter(name: name + ".bias", value: Tensor(zeros: [channels]))
        runningMean = Tensor(zeros: [channels])
        runningVariance = Tensor(repeating: 1, shape: [channels])
        self.momentum = momentum
        self.epsilon = epsilon
        self.executor = executor
    }

    public var channels: Int { weight.value.count }
    public var parameters: [Parameter] { [weight, bias] }
    public var batchNorms: [BatchNorm2d] { [self] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 4 && inputShape[1] == channels,
                     "\(name): expected input [N, \(channels), H, W], got \(inputShape)")
        return inputShape
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        _ = outputShape(for: input.shape)
        switch mode {
        case .training:
            return forwardTraining(input)
        case .evaluation:
            cache = nil
            return forwardEvaluation(input)
        }
    }

    private func forwardEvaluation(_ input: Tensor) -> Tensor {
        let batch = input.shape[0], channels = self.channels
        let plane = input.shape[2] * input.shape[3]
        let scales = (0..<channels).map { channel in
            weight.value.scalars[channel] * (1 / (runningVariance.scalars[channel] + epsilon).squareRoot())
        }
        let shifts = (0..<channels).map { channel in
            bias.value.scalars[channel] - runningMean.scalars[channel] * scales[channel]
        }
        return input.scalars.withUnsafeBufferPointer { sourceBuffer in
            Tensor(shape: input.shape) { targetBuffer in
                let source = sourceBuffer.baseAddress!, target = targetBuffer.baseAddress!
                executor.forEachChunk(channels) { channel, _ in
                    let scale = scales[channel], shift = shifts[channel]
                    for image in 0..<batch {
                        let start = (image * channels + channel) * plane
                        for index in start..<(start + plane) {
                            target[index] = source[index] * scale + shift
                        }
                    }
                }
            }
        }
    }

    /// Returns `xhat = (x - mean) * inverseStd` of one value, rounded to float. Forward and
    /// backward both call it, and `LaneSum.gradientSums` rounds the same way, so backward gets
    /// the forward pass's normalised values bit for bit.
    @inline(__always)
    private static func normalize(_ value: Float, mean: Double, inverseStd: Double) -> Float {
        Float((Double(value) - mean) * inverseStd)
    }

    // The cache keeps the input, which the previous layer allocated anyway, rather than a
    // normalised copy; backward recomputes `xhat` from it with `normalize`.
    private func forwardTraining(_ input: Tensor) -> Tensor {
        let batch = input.shape[0], channels = self.channels
        let plane = input.shape[2] * input.shape[3]
        let count = batch * plane
        precondition(count > 1, "\(name): training needs more than one value per channel, got input \(input.shape)")
        var statistics = [ChannelStatistics](repeating: ChannelStatistics(), count: channels)
        let gamma = weight.value.scalars, beta = bias.value.scalars

        let output = input.scalars.withUnsafeBufferPointer { inputBuffer in
            Tensor(shape: input.shape) { outputBuffer in
                statistics.withUnsafeMutableBufferPointer { statisticsBuffer in
                    let x = inputBuffer.baseAddress!, y = outputBuffer.baseAddress!
                    executor.forEachChunk(channels) { channel, _ in
                        var sum = 0.0
                        for image in 0..<batch {
                            let start = x + (image * channels + channel) * plane
                            sum += LaneSum.sum(start, count: plane)
                        }
                        let mean = sum / Double(count)
                        var squares = 0.0
                        for image in 0..<batch {
                            let start = x + (image * channels + channel) * plane
                            squares += LaneSum.centeredSquares(start, count: plane, mean: mean)
                        }
                        let inverseStd = 1 / (squares / Double(count) + Double(epsilon)).squareRoot()
                        statisticsBuffer[channel] = ChannelStatistics(
                            mean: mean, unbiasedVariance: squares / Double(count - 1), inverseStd: inverseStd)
                        let scale = gamma[channel], shift = beta[channel]
                        for image in 0..<batch {
                            let offset = (image * channels + channel) * plane
                            for index in offset..<(offset + plane) {
                                y[index] = Self.normalize(x[index], mean: mean, inverseStd: inverseStd) * scale + shift
                            }
                        }
                    }
                }
            }
        }

        for channel in 0..<channels {
            runningMean.scalars[channel] = (1 - momentum) * runningMean.scalars[channel]
                + momentum * Float(statistics[channel].mean)
            runningVariance.scalars[channel] = (1 - momentum) * runningVariance.scalars[channel]
                + momentum * Float(statistics[channel].unbiasedVariance)
        }
        numBatchesTracked += 1
        cache = (input, statistics)
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (input, statistics) = cache else {
            preconditionFailure("\(name): backward without a training forward")
        }
        cache = nil
        precondition(outputGradient.shape == input.shape,
                     "\(name): output gradient \(outputGradient.shape) does not match input \(input.shape)")
        let batch = input.shape[0], channels = self.channels
        let plane = input.shape[2] * input.shape[3]
        let count = Double(batch * plane)

        return outputGradient.scalars.withUnsafeBufferPointer { gradientBuffer in
            input.scalars.withUnsafeBufferPointer { inputBuffer in
                Tensor(shape: input.shape) { resultBuffer in
                    weight.gradient.scalars.withUnsafeMutableBufferPointer { weightGradient in
                        bias.gradient.scalars.withUnsafeMutableBufferPointer { biasGradient in
                            let dy = gradientBuffer.baseAddress!, x = inputBuffer.baseAddress!
                            let dx = resultBuffer.baseAddress!
                            let gamma = weight.value.scalars
                            executor.forEachChunk(channels) { channel, _ in
                                let mean = statistics[channel].mean, inverseStd = statistics[channel].inverseStd
                                var sumGradient = 0.0, sumProduct = 0.0
                                for image in 0..<batch {
                                    let offset = (image * channels + channel) * plane
                                    let sums = LaneSum.gradientSums(x: x + offset, gradient: dy + offset, count: plane,
                                                                    mean: mean, inverseStd: inverseStd)
                                    sumGradient += sums.0
                                    sumProduct += sums.1
                                }
                                weightGradient[channel] += Float(sumProduct)
                                biasGradient[channel] += Float(sumGradient)
                                let scale = Double(gamma[channel]) * Double(Float(inverseStd))
                                let meanGradient = sumGradient / count, meanProduct = sumProduct / count
                                for image in 0..<batch {
                                    let offset = (image * channels + channel) * plane
                                    for index in offset..<(offset + plane) {
                                        let xhat = Self.normalize(x[index], mean: mean, inverseStd: inverseStd)
                                        dx[index] = Float(scale * (Double(dy[index]) - meanGradient
                                                                   - Double(xhat) * meanProduct))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Batch statistics of one channel from a training forward pass.
struct ChannelStatistics {
    var mean = 0.0
    /// Sum of squared deviations over `M - 1`, for the running variance.
    var unbiasedVariance = 0.0
    /// `1 / sqrt(biased variance + eps)`.
    var inverseStd = 0.0
}
