/// VGG with batch norm for CIFAR (Simonyan and Zisserman, 2015), with the layer names of
/// the PyTorch reference used by CRD and mdistiller (`vgg.py`): five blocks `block0..4`,
/// each a list of 3x3 convolutions with bias, every one followed by batch norm and ReLU
/// (`blockI.{3j}` is a convolution, `blockI.{3j+1}` its batch norm). Max pools 2x2 follow
/// blocks 0, 1 and 2; block 3 is pooled only for 64x64 inputs, as the reference; a global
/// average pool follows block 4, then `classifier`.
///
/// Initialisation, as that reference: convolutions Kaiming normal (fan_out, relu) with
/// zero bias, batch norms weight 1 and bias 0, `classifier` N(0, 0.01) with zero bias.
enum VGG {
    /// Reference channels per block for each depth.
    static let blockChannels: [Int: [[Int]]] = [
        8: [[64], [128], [256], [512], [512]],
        11: [[64], [128], [256, 256], [512, 512], [512, 512]],
        13: [[64, 64], [128, 128], [256, 256], [512, 512], [512, 512]],
        16: [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]],
        19: [[64, 64], [128, 128], [256, 256, 256, 256], [512, 512, 512, 512], [512, 512, 512, 512]],
    ]

    /// Input height at which the reference also pools after block 3.
    static let heightWithFourthPool = 64

    static let classifierStd = 0.01

    static func build(_ configuration: ModelConfiguration, inputHeight: Int, executor: Executor,
                      generator: inout SeededGenerator) -> [any Layer] {
        var layers: [any Layer] = []
        var channels = configuration.inChannels
        for (block, references) in blockChannels[configuration.depth]!.enumerated() {
            for (index, reference) in references.enumerated() {
                let outChannels = configuration.channels(reference)
                layers.append(Conv2d(name: "block\(block).\(3 * index)", inChannels: channels,
                                     outChannels: outChannels, kernelSize: 3, padding: 1, hasBias: true,
                                     executor: executor))
                layers.append(BatchNorm2d(name: "block\(block).\(3 * index + 1)", channels: outChannels,
                                          executor: executor))
                layers.append(ReLU(executor: executor))
                channels = outChannels
            }
            if block <= 2 || (block == 3 && inputHeight == heightWithFourthPool) {
                layers.append(MaxPool2d(executor: executor))
            }
        }
        let classifier = Linear(name: "classifier", inFeatures: channels, outFeatures: configuration.classes)
        layers += [GlobalAveragePool(), classifier]

        for layer in layers {
            if let convolution = layer as? Conv2d {
                Initializer.kaimingNormalFanOut(convolution.weight, generator: &generator)
            }
        }
        Initializer.fillNormal(classifier.weight, std: classifierStd, generator: &generator)
        return layers
    }
}
