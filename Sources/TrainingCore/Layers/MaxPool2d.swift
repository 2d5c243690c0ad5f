/// Max pooling with a 2x2 window and stride 2 over `[N, C, H, W]`, output
/// `[N, C, H / 2, W / 2]` (rounded down, as PyTorch's `nn.MaxPool2d(2, 2)`).
///
/// Ties go to the first maximum in row-major window order, as in PyTorch; backward routes
/// each output gradient to that one input. Both passes run one chunk per plane on the
/// executor, and a plane's result depends on that plane only.
public final class MaxPool2d: Layer {
    private let executor: Executor
    private var cache: (inputShape: [Int], argmax: [Int32])?

    public init(executor: Executor) {
        self.executor = executor
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 4 && inputShape[2] >= 2 && inputShape[3] >= 2,
                     "MaxPool2d: expected input [N, C, H >= 2, W >= 2], got \(inputShape)")
        return [inputShape[0], inputShape[1], inputShape[2] / 2, inputShape[3] / 2]
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        let shape = outputShape(for: input.shape)
        let planes = shape[0] * shape[1]
        let height = input.shape[2], width = input.shape[3]
        let outputHeight = shape[2], outputWidth = shape[3]
        var output = Tensor(zeros: shape)
        var argmax = [Int32](repeating: 0, count: mode == .training ? output.count : 0)

        input.scalars.withUnsafeBufferPointer { source in
            output.scalars.withUnsafeMutableBufferPointer { target in
                argmax.withUnsafeMutableBufferPointer { indices in
                    executor.forEachChunk(planes) { plane, _ in
                        for row in 0..<outputHeight {
                            for column in 0..<outputWidth {
                                let topLeft = plane * height * width + 2 * row * width + 2 * column
                                var best = topLeft
                                for candidate in [topLeft + 1, topLeft + width, topLeft + width + 1]
                                where source[candidate] > source[best] || source[candidate].isNaN {
                                    best = candidate
                                }
                                let outputIndex = (plane * outputHeight + row) * outputWidth + column
                                target[outputIndex] = source[best]
                                if !indices.isEmpty {
                                    indices[outputIndex] = Int32(best)
                                }
                            }
                        }
                    }
                }
            }
        }
        cache = mode == .training ? (input.shape, argmax) : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (inputShape, argmax) = cache else {
            preconditionFailure("MaxPool2d: backward without a training forward")
        }
        cache = nil
        var inputGradient = Tensor(zeros: inputShape)
        let outputPlane = outputGradient.count / max(1, inputShape[0] * inputShape[1])
        inputGradient.scalars.withUnsafeMutableBufferPointer { target in
            outputGradient.scalars.withUnsafeBufferPointer { source in
                argmax.withUnsafeBufferPointer { indices in
                    executor.forEachChunk(inputShape[0] * inputShape[1]) { plane, _ in
                        for index in (plane * outputPlane)..<((plane + 1) * outputPlane) {
                            target[Int(indices[index])] += source[index]
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
