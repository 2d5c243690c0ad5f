/// A network that can only evaluate: a distillation teacher. It runs in eval mode (running
/// batch-norm statistics), keeps no caches and no gradient storage, and has no way to
/// train, so a teacher cannot change by mistake.
public final class FrozenNetwork {
    private let network: Network

    /// Takes over `network`, releasing its gradient buffers; do not train `network` afterwards.
    public init(_ network: Network) {
        self.network = network
        for parameter in network.parameters {
            parameter.releaseGradient()
        }
    }

    /// Builds a `configuration` network for `inputHeight` x `inputWidth` images and loads
    /// `state` into it strictly; the throwaway initial weights are all overwritten.
    public convenience init(configuration: ModelConfiguration, state: SafeTensors, inputHeight: Int, inputWidth: Int,
                            executor: Executor) throws {
        var generator = SeededGenerator(seed: 0, stream: "init")
        let network = try Network(configuration: configuration, inputHeight: inputHeight, inputWidth: inputWidth,
                                  executor: executor, generator: &generator)
        try network.load(state)
        self.init(network)
    }

    public var configuration: ModelConfiguration { network.configuration }
    public var inputSize: (height: Int, width: Int) { network.inputSize }

    /// Eval-mode logits `[N, L]` of images `[N, C, H, W]`.
    public func logits(_ images: Tensor) -> Tensor {
        network.forward(images, mode: .evaluation)
    }

    /// Eval-mode logits `[N, L]`, computed `batchSize` images at a time to bound memory.
    public func logits(_ images: Tensor, batchSize: Int) -> Tensor {
        Evaluation.logits(of: network, images: images, batchSize: batchSize)
    }

    public func validateInput(shape: [Int]) throws {
        try network.validateInput(shape: shape)
    }
}
