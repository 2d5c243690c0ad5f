/// Rectified linear unit `y = max(x, 0)`; backward passes `dy` where `y > 0`
/// (PyTorch's convention: the gradient at exactly 0 is 0). A NaN input gives 0.
public final class ReLU: Layer {
    private var cachedOutput: Tensor?
    /// The executor that runs the element-wise passes on its threads; nil runs them on the calling thread.
    private let executor: Executor?

    public init(executor: Executor? = nil) {
        self.executor = executor
    }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    // Each pass reads its inputs and writes a new tensor in a single loop with a select and no
    // branch, which the compiler can vectorise. The input is never copied first.
    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        let output = input.scalars.withUnsafeBufferPointer { source in
            Tensor(shape: input.shape) { target in
                forEachBlock(source.count) { range in
                    for index in range {
                        let value = source[index]
                        target[index] = value > 0 ? value : 0
                    }
                }
            }
        }
        cachedOutput = mode == .training ? output : nil
        return output
    }

    /// Returns `relu(first + second)` in one pass, as `forward(first + second)` would, bit for bit:
    /// the residual sum of a ResNet block.
    public func forward(sumOf first: Tensor, and second: Tensor, mode: Mode) -> Tensor {
        precondition(first.shape == second.shape, "ReLU: summand shapes \(first.shape) and \(second.shape) differ")
        let output = first.scalars.withUnsafeBufferPointer { left in
            second.scalars.withUnsafeBufferPointer { right in
                Tensor(shape: first.shape) { target in
                    forEachBlock(left.count) { range in
                        for index in range {
                            let value = left[index] + right[index]
                            target[index] = value > 0 ? value : 0
                        }
                    }
                }
            }
        }
        cachedOutput = mode == .training ? output : nil
        return output
    }

    private func forEachBlock(_ count: Int, _ body: (Range<Int>) -> Void) {
        if let executor {
            executor.forEachBlock(count, body)
        } else {
            body(0..<count)
        }
    }

    /// Returns `gradient` where the forward output `value` is positive, else +0, using integer
    /// masks. A select compiled to a branch per element, which mispredicts on activations and
    /// took 11 % of a single-thread ResNet14 step (perf, before this change).
    @inline(__always)
    static func maskedGradient(_ gradient: Float, where value: Float) -> Float {
        // The forward pass writes only positive values and +0, so `value > 0` is a nonzero bit
        // pattern. `(b | -b) >> 31` is 1 exactly for b != 0.
        let bits = value.bitPattern
        let mask = 0 &- ((bits | (0 &- bits)) >> 31)
        return Float(bitPattern: gradient.bitPattern & mask)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let output = cachedOutput else {
            preconditionFailure("ReLU: backward without a training forward")
        }
        cachedOutput = nil
        precondition(outputGradient.shape == output.shape, "ReLU: gradient shape \(outputGradient.shape) != \(output.shape)")
        return outputGradient.scalars.withUnsafeBufferPointer { gradient in
            output.scalars.withUnsafeBufferPointer { values in
                Tensor(shape: output.shape) { target in
                    forEachBlock(gradient.count) { range in
                        for index in range {
                            target[index] = Self.maskedGradient(gradient[index], where: values[index])
                        }
                    }
                }
            }
        }
    }
}
