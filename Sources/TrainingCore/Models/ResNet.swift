/// CIFAR ResNet of depth 6n+2 (He et al., 2016, section 4.2), with the layer names of the
/// PyTorch reference used by CRD and mdistiller (`resnet.py`):
/// `conv1` 3x3 -> `bn1` -> ReLU -> `layer1..3` (n basic blocks each, 16-32-64 channels,
/// stride 2 at the start of layers 2 and 3) -> global average pool -> `fc`.
///
/// Initialisation, as that reference: convolutions Kaiming normal (fan_out, relu), batch
/// norms weight 1 and bias 0, `fc` PyTorch's default uniform.
enum ResNet {
    static func build(_ configuration: ModelConfiguration, executor: Executor,
                      generator: inout SeededGenerator) -> [any Layer] {
        let blocksPerStage = (configuration.depth - 2) / 6
        let stem = configuration.channels(16)
        var layers: [any Layer] = [
            Conv2d(name: "conv1", inChannels: configuration.inChannels, outChannels: stem,
                   kernelSize: 3, padding: 1, hasBias: false, executor: executor),
            BatchNorm2d(name: "bn1", channels: stem, executor: executor),
            ReLU(executor: executor),
        ]
        var channels = stem
        for (stage, reference) in [16, 32, 64].enumerated() {
            let outChannels = configuration.channels(reference)
            for index in 0..<blocksPerStage {
                let stride = stage > 0 && index == 0 ? 2 : 1
                layers.append(BasicBlock(name: "layer\(stage + 1).\(index)", inChannels: channels,
                                         outChannels: outChannels, stride: stride, executor: executor))
                channels = outChannels
            }
        }
        let classifier = Linear(name: "fc", inFeatures: channels, outFeatures: configuration.classes)
        layers += [GlobalAveragePool(), classifier]

        for layer in layers {
            initializeConvolutionsAndNorms(layer, generator: &generator)
        }
        Initializer.pytorchDefaultUniform(classifier.weight, fanIn: channels, generator: &generator)
        Initializer.pytorchDefaultUniform(classifier.bias, fanIn: channels, generator: &generator)
        return layers
    }

    /// Draws every convolution weight (Kaiming normal, fan_out) in `state_dict` order;
    /// batch norms keep their construction values, weight 1 and bias 0.
    static func initializeConvolutionsAndNorms(_ layer: any Layer, generator: inout SeededGenerator) {
        for parameter in layer.parameters where parameter.value.rank == 4 {
            Initializer.kaimingNormalFanOut(parameter, generator: &generator)
        }
    }
}

/// The CIFAR ResNet basic block: `relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))`,
/// where the shortcut is the identity, or a 1x1 convolution + batch norm (`downsample.0`,
/// `downsample.1`) when the stride or the channel count changes.
final class BasicBlock: Layer {
    private let conv1: Conv2d
    private let bn1: BatchNorm2d
    private let relu1: ReLU
    private let conv2: Conv2d
    private let bn2: BatchNorm2d
    private let downsample: Sequential?
    private let reluOut: ReLU
    private let executor: Executor

    init(name: String, inChannels: Int, outChannels: Int, stride: Int, executor: Executor) {
        conv1 = Conv2d(name: name + ".conv1", inChannels: inChannels, outChannels: outChannels,
                       kernelSize: 3, stride: stride, padding: 1, hasBias: false, executor: executor)
        bn1 = BatchNorm2d(name: name + ".bn1", channels: outChannels, executor: executor)
        relu1 = ReLU(executor: executor)
        reluOut = ReLU(executor: executor)
        self.executor = executor
        conv2 = Conv2d(name: name + ".conv2", inChannels: outChannels, outChannels: outChannels,
                       kernelSize: 3, padding: 1, hasBias: false, executor: executor)
        bn2 = BatchNorm2d(name: name + ".bn2", channels: outChannels, executor: executor)
        if stride != 1 || inChannels != outChannels {
            downsample = Sequential([
                Conv2d(name: name + ".downsample.0", inChannels: inChannels, outChannels: outChannels,
                       kernelSize: 1, stride: stride, hasBias: false, executor: executor),
                BatchNorm2d(name: name + ".downsample.1", channels: outChannels, executor: executor),
            ])
        } else {
            downsample = nil
        }
    }

    private var mainPath: [any Layer] { [conv1, bn1, relu1, conv2, bn2] }

    var parameters: [Parameter] { mainPath.flatMap(\.parameters) + (downsample?.parameters ?? []) }
    var batchNorms: [BatchNorm2d] { [bn1, bn2] + (downsample?.batchNorms ?? []) }

    func outputShape(for inputShape: [Int]) -> [Int] {
        Sequential(mainPath).outputShape(for: inputShape)
    }

    func multiplyAccumulates(for inputShape: [Int]) -> Int {
        Sequential(mainPath).multiplyAccumulates(for: inputShape)
            + (downsample?.multiplyAccumulates(for: inputShape) ?? 0)
    }

    func forward(_ input: Tensor, mode: Mode) -> Tensor {
        var out = conv1.forward(input, mode: mode)
        out = bn1.forward(out, mode: mode)
        out = relu1.forward(out, mode: mode)
        out = conv2.forward(out, mode: mode)
        out = bn2.forward(out, mode: mode)
        let shortcut = downsample?.forward(input, mode: mode) ?? input
        return reluOut.forward(sumOf: out, and: shortcut, mode: mode)
    }

    func backward(_ outputGradient: Tensor) -> Tensor {
        let sumGradient = reluOut.backward(outputGradient)
        var gradient = bn2.backward(sumGradient)
        gradient = conv2.backward(gradient)
        gradient = relu1.backward(gradient)
        gradient = bn1.backward(gradient)
        gradient = conv1.backward(gradient)
        gradient.add(downsample?.backward(sumGradient) ?? sumGradient, executor: executor)
        return gradient
    }
}
