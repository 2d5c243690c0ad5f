/// Fully connected layer `y = x W^T + b`, as PyTorch's `nn.Linear`.
///
/// Shapes: input `[N, I]`, weight `[O, I]`, bias `[O]`, output `[N, O]`. Products go through
/// OpenBLAS on one thread, so each has a fixed summation order.
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter
    private var cachedInput: Tensor?

    public init(name: String, inFeatures: Int, outFeatures: Int) {
        precondition(inFeatures > 0 && outFeatures > 0, "\(name): feature counts must be positive")
        weight = Parameter(name: name + ".weight", value: Tensor(zeros: [outFeatures, inFeatures]))
        bias = Parameter(name: name + ".bias", value: Tensor(zeros: [outFeatures]))
    }

    public var inFeatures: Int { weight.value.shape[1] }
    public var outFeatures: Int { weight.value.shape[0] }
    public var parameters: [Parameter] { [weight, bias] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 2 && inputShape[1] == inFeatures,
                     "\(weight.name): expected input [N, \(inFeatures)], got \(inputShape)")
        return [inputShape[0], outFeatures]
    }

    public func multiplyAccumulates(for inputShape: [Int]) -> Int {
        inputShape[0] * inFeatures * outFeatures
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        let shape = outputShape(for: input.shape)
        let batch = shape[0], inFeatures = self.inFeatures, outFeatures = self.outFeatures
        var output = Tensor(zeros: shape)
        for image in 0..<batch {
            for feature in 0..<outFeatures {
                output.scalars[image * outFeatures + feature] = bias.value.scalars[feature]
            }
        }
        // One product per image, so an image's logits do not depend on the rest of its batch
        // (one sgemm over the whole batch may sum in another order for other batch sizes).
        input.scalars.withUnsafeBufferPointer { x in
            weight.value.scalars.withUnsafeBufferPointer { w in
                output.scalars.withUnsafeMutableBufferPointer { y in
                    for image in 0..<batch {
                        BLAS.sgemm(transposeA: false, transposeB: true, m: 1, n: outFeatures, k: inFeatures,
                                   alpha: 1, a: x.baseAddress! + image * inFeatures, lda: inFeatures,
                                   b: w.baseAddress!, ldb: inFeatures,
                                   beta: 1, c: y.baseAddress! + image * outFeatures, ldc: outFeatures)
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
        let batch = input.shape[0], inFeatures = self.inFeatures, outFeatures = self.outFeatures
        precondition(outputGradient.shape == [batch, outFeatures],
                     "\(weight.name): output gradient \(outputGradient.shape), expected \([batch, outFeatures])")
        var inputGradient = Tensor(zeros: input.shape)

        outputGradient.scalars.withUnsafeBufferPointer { dy in
            input.scalars.withUnsafeBufferPointer { x in
                weight.gradient.scalars.withUnsafeMutableBufferPointer { dw in
                    BLAS.sgemm(transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: batch,
                               alpha: 1, a: dy.baseAddress!, lda: outFeatures, b: x.baseAddress!, ldb: inFeatures,
                               beta: 1, c: dw.baseAddress!, ldc: inFeatures)
                }
            }
            weight.value.scalars.withUnsafeBufferPointer { w in
                inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
                    BLAS.sgemm(transposeA: false, transposeB: false, m: batch, n: inFeatures, k: outFeatures,
                               alpha: 1, a: dy.baseAddress!, lda: outFeatures, b: w.baseAddress!, ldb: inFeatures,
                               beta: 0, c: dx.baseAddress!, ldc: inFeatures)
                }
            }
            for feature in 0..<outFeatures {
                var sum = 0.0
                for image in 0..<batch {
                    sum += Double(dy[image * outFeatures + feature])
                }
                bias.gradient.scalars[feature] += Float(sum)
            }
        }
        return inputGradient
    }
}
