/// Whether a forward pass trains (batch statistics, caches for backward) or evaluates
/// (running statistics, no caches).
public enum Mode: Sendable {
    case training
    case evaluation
}

/// A trainable tensor with its accumulated gradient, named as in PyTorch's `state_dict`.
public final class Parameter {
    public let name: String
    public var value: Tensor
    /// Sum of gradients since the last `zeroGradient()`; backward passes add into it.
    public var gradient: Tensor

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    public func zeroGradient() {
        gradient.zero()
    }

    /// Frees the gradient buffer of a parameter that will never be trained again.
    func releaseGradient() {
        gradient = Tensor(zeros: [0])
    }
}

/// A differentiable building block: forward and backward side by side.
///
/// `forward` in training mode keeps what `backward` needs; `backward` takes the gradient
/// of the loss with respect to the output, adds parameter gradients into each
/// `Parameter.gradient`, and returns the gradient with respect to the input. One backward
/// follows each training forward.
public protocol Layer: AnyObject {
    func forward(_ input: Tensor, mode: Mode) -> Tensor
    func backward(_ outputGradient: Tensor) -> Tensor

    /// Trainable tensors, in `state_dict` order.
    var parameters: [Parameter] { get }
    /// Batch-norm layers, whose running statistics are part of the state.
    var batchNorms: [BatchNorm2d] { get }

    /// The output shape for an input shape, without computing anything.
    func outputShape(for inputShape: [Int]) -> [Int]
    /// Multiply-accumulates of one forward pass over an input of `inputShape`.
    func multiplyAccumulates(for inputShape: [Int]) -> Int
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var batchNorms: [BatchNorm2d] { [] }
    public func multiplyAccumulates(for inputShape: [Int]) -> Int { 0 }
}

/// Layers applied in order; backward runs them in reverse.
public final class Sequential: Layer {
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        layers.reduce(input) { $1.forward($0, mode: mode) }
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        layers.reversed().reduce(outputGradient) { $1.backward($0) }
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var batchNorms: [BatchNorm2d] { layers.flatMap(\.batchNorms) }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        layers.reduce(inputShape) { $1.outputShape(for: $0) }
    }

    public func multiplyAccumulates(for inputShape: [Int]) -> Int {
        var shape = inputShape
        var total = 0
        for layer in layers {
            total += layer.multiplyAccumulates(for: shape)
            shape = layer.outputShape(for: shape)
        }
        return total
    }
}
