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
/// Every channel is one chunk and sums its `M` values in double, in a fixed order.
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
    private var cache: (normalized: Tensor, inverseStd: [Float])?

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
        var output = input
        let batch = input.shape[0], channels = self.channels
        let plane = input.shape[2] * input.shape[3]
        output.scalars.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for channel in 0..<channels {
                let inverseStd = 1 / (runningVariance.scalars[channel] + epsilon).squareRoot()
                let scale = weight.value.scalars[channel] * inverseStd
                let shift = bias.value.scalars[channel] - runningMean.scalars[channel] * scale
                for image in 0..<batch {
                    let start = base + (image * channels + channel) * plane
                    for index in 0..<plane {
                        start[index] = start[index] * scale + shift
                    }
                }
            }
        }
        return output
    }

    private func forwardTraining(_ input: Tensor) -> Tensor {
        let batch = input.shape[0], channels = self.channels
        let plane = input.shape[2] * input.shape[3]
        let count = batch * plane
        precondition(count > 1, "\(name): training needs more than one value per channel, got input \(input.shape)")
        var normalized = Tensor(zeros: input.shape)
        var output = Tensor(zeros: input.shape)
        var means = [Float](repeating: 0, count: channels)
        var variances = [Float](repeating: 0, count: channels)
        var inverseStds = [Float](repeating: 0, count: channels)

        input.scalars.withUnsafeBufferPointer { inputBuffer in
            normalized.scalars.withUnsafeMutableBufferPointer { normalizedBuffer in
                output.scalars.withUnsafeMutableBufferPointer { outputBuffer in
                    means.withUnsafeMutableBufferPointer { meanBuffer in
                        variances.withUnsafeMutableBufferPointer { varianceBuffer in
                            inverseStds.withUnsafeMutableBufferPointer { inverseStdBuffer in
                                let x = inputBuffer.baseAddress!, xhat = normalizedBuffer.baseAddress!
                                let y = outputBuffer.baseAddress!
                                let gamma = weight.value.scalars, beta = bias.value.scalars
                                executor.forEachChunk(channels) { channel, _ in
                                    var sum = 0.0
                                    for image in 0..<batch {
                                        let start = x + (image * channels + channel) * plane
                                        for index in 0..<plane { sum += Double(start[index]) }
                                    }
                                    let mean = sum / Double(count)
                                    var squares = 0.0
                                    for image in 0..<batch {
                                        let start = x + (image * channels + channel) * plane
                                        for index in 0..<plane {
                                            let centered = Double(start[index]) - mean
                                            squares += centered * centered
                                        }
                                    }
                                    let variance = squares / Double(count)
                                    let inverseStd = 1 / (variance + Double(epsilon)).squareRoot()
                                    meanBuffer[channel] = Float(mean)
                                    varianceBuffer[channel] = Float(squares / Double(count - 1))
                                    inverseStdBuffer[channel] = Float(inverseStd)
                                    let scale = gamma[channel], shift = beta[channel]
                                    for image in 0..<batch {
                                        let offset = (image * channels + channel) * plane
                                        for index in offset..<(offset + plane) {
                                            let value = Float((Double(x[index]) - mean) * inverseStd)
                                            xhat[index] = value
                                            y[index] = value * scale + shift
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        for channel in 0..<channels {
            runningMean.scalars[channel] = (1 - momentum) * runningMean.scalars[channel] + momentum * means[channel]
            runningVariance.scalars[channel] = (1 - momentum) * runningVariance.scalars[channel]
                + momentum * variances[channel]
        }
        numBatchesTracked += 1
        cache = (normalized, inverseStds)
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (normalized, inverseStds) = cache else {
            preconditionFailure("\(name): backward without a training forward")
        }
        cache = nil
        precondition(outputGradient.shape == normalized.shape,
                     "\(name): output gradient \(outputGradient.shape) does not match input \(normalized.shape)")
        let batch = normalized.shape[0], channels = self.channels
        let plane = normalized.shape[2] * normalized.shape[3]
        let count = Double(batch * plane)
        var inputGradient = Tensor(zeros: normalized.shape)

        outputGradient.scalars.withUnsafeBufferPointer { gradientBuffer in
            normalized.scalars.withUnsafeBufferPointer { normalizedBuffer in
                inputGradient.scalars.withUnsafeMutableBufferPointer { resultBuffer in
                    weight.gradient.scalars.withUnsafeMutableBufferPointer { weightGradient in
                        bias.gradient.scalars.withUnsafeMutableBufferPointer { biasGradient in
                            let dy = gradientBuffer.baseAddress!, xhat = normalizedBuffer.baseAddress!
                            let dx = resultBuffer.baseAddress!
                            let gamma = weight.value.scalars
                            executor.forEachChunk(channels) { channel, _ in
                                var sumGradient = 0.0, sumProduct = 0.0
                                for image in 0..<batch {
                                    let offset = (image * channels + channel) * plane
                                    for index in offset..<(offset + plane) {
                                        sumGradient += Double(dy[index])
                                        sumProduct += Double(dy[index]) * Double(xhat[index])
                                    }
                                }
                                weightGradient[channel] += Float(sumProduct)
                                biasGradient[channel] += Float(sumGradient)
                                let scale = Double(gamma[channel]) * Double(inverseStds[channel])
                                let meanGradient = sumGradient / count, meanProduct = sumProduct / count
                                for image in 0..<batch {
                                    let offset = (image * channels + channel) * plane
                                    for index in offset..<(offset + plane) {
                                        dx[index] = Float(scale * (Double(dy[index]) - meanGradient
                                                                   - Double(xhat[index]) * meanProduct))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
