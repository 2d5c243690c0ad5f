/// Rectified linear unit `y = max(x, 0)`; backward passes `dy` where `y > 0`
/// (PyTorch's convention: the gradient at exactly 0 is 0).
public final class ReLU: Layer {
    private var cachedOutput: Tensor?

    public init() {}

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        var output = input
        output.scalars.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices where !(buffer[index] > 0) {
                buffer[index] = 0
            }
        }
        cachedOutput = mode == .training ? output : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let output = cachedOutput else {
            preconditionFailure("ReLU: backward without a training forward")
        }
        cachedOutput = nil
        precondition(outputGradient.shape == output.shape, "ReLU: gradient shape \(outputGradient.shape) != \(output.shape)")
        var inputGradient = outputGradient
        inputGradient.scalars.withUnsafeMutableBufferPointer { gradient in
            output.scalars.withUnsafeBufferPointer { values in
                for index in gradient.indices where !(values[index] > 0) {
                    gradient[index] = 0
                }
            }
        }
        return inputGradient
    }
}
