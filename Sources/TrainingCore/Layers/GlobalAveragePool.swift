/// Mean over the spatial positions: `[N, C, H, W]` to `[N, C]`. On 32x32 CIFAR inputs it
/// equals the reference networks' `AvgPool2d(8)` followed by a flatten.
public final class GlobalAveragePool: Layer {
    private var cachedInputShape: [Int]?

    public init() {}

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 4, "GlobalAveragePool: expected input [N, C, H, W], got \(inputShape)")
        return [inputShape[0], inputShape[1]]
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        let shape = outputShape(for: input.shape)
        let plane = input.shape[2] * input.shape[3]
        var output = Tensor(zeros: shape)
        input.scalars.withUnsafeBufferPointer { source in
            output.scalars.withUnsafeMutableBufferPointer { target in
                for index in target.indices {
                    var sum: Float = 0
                    for offset in (index * plane)..<((index + 1) * plane) {
                        sum += source[offset]
                    }
                    target[index] = sum / Float(plane)
                }
            }
        }
        cachedInputShape = mode == .training ? input.shape : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape = cachedInputShape else {
            preconditionFailure("GlobalAveragePool: backward without a training forward")
        }
        cachedInputShape = nil
        let plane = inputShape[2] * inputShape[3]
        var inputGradient = Tensor(zeros: inputShape)
        inputGradient.scalars.withUnsafeMutableBufferPointer { target in
            outputGradient.scalars.withUnsafeBufferPointer { source in
                for index in source.indices {
                    let share = source[index] / Float(plane)
                    for offset in (index * plane)..<((index + 1) * plane) {
                        target[offset] = share
                    }
                }
            }
        }
        return inputGradient
    }
}
