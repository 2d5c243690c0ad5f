/// Wide ResNet WRN-d-k for CIFAR (Zagoruyko and Komodakis, 2016), depth 6n+4, with the
/// layer names of the PyTorch reference used by CRD and mdistiller (`wrn.py`): `conv1` 3x3
/// -> `block1..3` (n pre-activation blocks each, `blockI.layer.J`, 16k-32k-64k channels,
/// stride 2 at the start of blocks 2 and 3) -> `bn1` -> ReLU -> global average pool -> `fc`.
///
/// Initialisation, as that reference: convolutions N(0, 2 / (KH * KW * O)) (Kaiming normal,
/// fan_out), batch norms weight 1 and bias 0, `fc` weight PyTorch's default uniform and
/// bias 0.
enum WideResNet {
    static func build(_ configuration: ModelConfiguration, executor: Executor,
                      generator: inout SeededGenerator) -> [any Layer] {
        let blocksPerStage = (configuration.depth - 4) / 6
        let k = configuration.widenFactor
        let stem = configuration.channels(16)
        var layers: [any Layer] = [
            Conv2d(name: "conv1", inChannels: configuration.inChannels, outChannels: stem,
                   kernelSize: 3, padding: 1, hasBias: false, executor: executor),
        ]
        var channels = stem
        for (stage, reference) in [16 * k, 32 * k, 64 * k].enumerated() {
            let outChannels = configuration.channels(reference)
            for index in 0..<blocksPerStage {
                let stride = stage > 0 && index == 0 ? 2 : 1
                layers.append(PreActivationBlock(name: "block\(stage + 1).layer.\(index)", inChannels: channels,
                                                 outChannels: outChannels, stride: stride, executor: executor))
                channels = outChannels
            }
        }
        let classifier = Linear(name: "fc", inFeatures: channels, outFeatures: configuration.classes)
        layers += [
            BatchNorm2d(name: "bn1", channels: channels, executor: executor),
            ReLU(executor: executor),
            GlobalAveragePool(),
            classifier,
        ]

        for layer in layers {
            ResNet.initializeConvolutionsAndNorms(layer, generator: &generator)
        }
        Initializer.pytorchDefaultUniform(classifier.weight, fanIn: channels, generator: &generator)
        return layers
    }
}

/// The WRN pre-activation block. With equal input and output channels:
/// `x + conv2(relu(bn2(conv1(relu(bn1(x))))))`. Otherwise the shortcut is a 1x1
/// convolution `convShortcut` applied to the pre-activated input `a = relu(bn1(x))`:
/// `convShortcut(a) + conv2(relu(bn2(conv1(a))))`.
final class PreActivationBlock: Layer {
    private let bn1: BatchNorm2d
    private let relu1: ReLU
    private let conv1: Conv2d
    private let bn2: BatchNorm2d
    private let relu2: ReLU
    private let conv2: Conv2d
    private let convShortcut: Conv2d?
    private let executor: Executor

    init(name: String, inChannels: Int, outChannels: Int, stride: Int, executor: Executor) {
        self.executor = executor
        relu1 = ReLU(executor: executor)
        relu2 = ReLU(executor: executor)
        bn1 = BatchNorm2d(name: name + ".bn1", channels: inChannels, executor: executor)
        conv1 = Conv2d(name: name + ".conv1", inChannels: inChannels, outChannels: outChannels,
                       kernelSize: 3, stride: stride, padding: 1, hasBias: false, executor: executor)
        bn2 = BatchNorm2d(name: name + ".bn2", channels: outChannels, executor: executor)
        conv2 = Conv2d(name: name + ".conv2", inChannels: outChannels, outChannels: outChannels,
                       kernelSize: 3, padding: 1, hasBias: false, executor: executor)
        // The reference adds the identity whenever the channel counts match, whatever the stride.
        precondition(inChannels != outChannels || stride == 1, "\(name): an identity shortcut cannot stride")
        convShortcut = inChannels == outChannels ? nil
            : Conv2d(name: name + ".convShortcut", inChannels: inChannels, outChannels: outChannels,
                     kernelSize: 1, stride: stride, hasBias: false, executor: executor)
    }

    private var layers: [any Layer] { [bn1, relu1, conv1, bn2, relu2, conv2] }

    var parameters: [Parameter] { layers.flatMap(\.parameters) + (convShortcut?.parameters ?? []) }
    var batchNorms: [BatchNorm2d] { [bn1, bn2] }

    func outputShape(for inputShape: [Int]) -> [Int] {
        Sequential(layers).outputShape(for: inputShape)
    }

    func multiplyAccumulates(for inputShape: [Int]) -> Int {
        Sequential(layers).multiplyAccumulates(for: inputShape)
            + (convShortcut?.multiplyAccumulates(for: inputShape) ?? 0)
    }

    func forward(_ input: Tensor, mode: Mode) -> Tensor {
        let activated = relu1.forward(bn1.forward(input, mode: mode), mode: mode)
        var out = conv1.forward(activated, mode: mode)
        out = bn2.forward(out, mode: mode)
        out = relu2.forward(out, mode: mode)
        out = conv2.forward(out, mode: mode)
        out.add(convShortcut?.forward(activated, mode: mode) ?? input, executor: executor)
        return out
    }

    func backward(_ outputGradient: Tensor) -> Tensor {
        var gradient = conv2.backward(outputGradient)
        gradient = relu2.backward(gradient)
        gradient = bn2.backward(gradient)
        gradient = conv1.backward(gradient)
        if let convShortcut {
            gradient.add(convShortcut.backward(outputGradient), executor: executor)
            return bn1.backward(relu1.backward(gradient))
        }
        var inputGradient = bn1.backward(relu1.backward(gradient))
        inputGradient.add(outputGradient, executor: executor)
        return inputGradient
    }
}
