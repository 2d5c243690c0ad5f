/// Stochastic gradient descent with momentum and weight decay, PyTorch's `optim.SGD`
/// semantics (dampening 0, no Nesterov), applied to every parameter:
/// `g = grad + weightDecay * p`; `buf = g` on the first step, else `buf = momentum * buf + g`;
/// `p -= learningRate * buf`.
public final class SGD {
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private let parameters: [Parameter]
    private var buffers: [[Float]]?

    public init(parameters: [Parameter], learningRate: Float, momentum: Float, weightDecay: Float) {
        precondition(learningRate >= 0 && momentum >= 0 && weightDecay >= 0,
                     "SGD: learning rate, momentum and weight decay must be non-negative")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// Momentum buffers in parameter order, for checkpoints; nil before the first step.
    public var momentumBuffers: [[Float]]? { buffers }

    public func step() {
        let isFirstStep = buffers == nil
        if isFirstStep {
            buffers = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        }
        for (index, parameter) in parameters.enumerated() {
            let count = parameter.value.count
            let learningRate = self.learningRate, momentum = self.momentum, weightDecay = self.weightDecay
            parameter.value.scalars.withUnsafeMutableBufferPointer { values in
                parameter.gradient.scalars.withUnsafeBufferPointer { gradients in
                    buffers![index].withUnsafeMutableBufferPointer { buffer in
                        for element in 0..<count {
                            let gradient = gradients[element] + weightDecay * values[element]
                            let velocity = isFirstStep ? gradient : momentum * buffer[element] + gradient
                            buffer[element] = velocity
                            values[element] -= learningRate * velocity
                        }
                    }
                }
            }
        }
    }

    public func zeroGradients() {
        for parameter in parameters {
            parameter.zeroGradient()
        }
    }
}
