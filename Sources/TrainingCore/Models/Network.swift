import Foundation

/// A classification network of one of the reference families, built for one input size.
///
/// `forward` maps images `[N, C, H, W]` to logits `[N, L]`; `backward` takes the gradient
/// of the loss with respect to the logits, adds every parameter's gradient, and returns
/// the gradient with respect to the images.
public final class Network {
    public let configuration: ModelConfiguration
    /// Input height and width the network was built for.
    public let inputSize: (height: Int, width: Int)
    private let body: Sequential

    /// The smallest input height and width: three stride-2 stages need 8 pixels.
    public static let minimumInputSize = 8

    /// Builds the network and draws its initial weights from `generator` (the `init` stream).
    public init(configuration: ModelConfiguration, inputHeight: Int, inputWidth: Int,
                executor: Executor, generator: inout SeededGenerator) throws {
        try configuration.validate()
        guard inputHeight >= Self.minimumInputSize, inputWidth >= Self.minimumInputSize else {
            throw ModelError.inputTooSmall(model: configuration.name,
                                           shape: [configuration.inChannels, inputHeight, inputWidth],
                                           minimum: Self.minimumInputSize)
        }
        self.configuration = configuration
        self.inputSize = (inputHeight, inputWidth)
        let layers: [any Layer]
        switch configuration.family {
        case .resnet:
            layers = ResNet.build(configuration, executor: executor, generator: &generator)
        case .vgg:
            layers = VGG.build(configuration, inputHeight: inputHeight, executor: executor, generator: &generator)
        case .wideResNet:
            layers = WideResNet.build(configuration, executor: executor, generator: &generator)
        }
        body = Sequential(layers)
    }

    /// Trainable tensors in `state_dict` order.
    public var parameters: [Parameter] { body.parameters }
    public var batchNorms: [BatchNorm2d] { body.batchNorms }

    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Multiply-accumulates of the forward pass for one image.
    public var multiplyAccumulatesPerImage: Int {
        body.multiplyAccumulates(for: [1, configuration.inChannels, inputSize.height, inputSize.width])
    }

    /// The shape `[N, C, H, W]` this network accepts, as text for messages.
    public var expectedInputDescription: String {
        "[N, \(configuration.inChannels), \(inputSize.height), \(inputSize.width)]"
    }

    /// Checks that `shape` is an image batch this network accepts.
    public func validateInput(shape: [Int]) throws {
        guard shape.count == 4, shape[0] >= 1, shape[1] == configuration.inChannels,
              shape[2] == inputSize.height, shape[3] == inputSize.width else {
            throw ModelError.wrongInputShape(model: configuration.displayName,
                                             expected: expectedInputDescription, actual: shape)
        }
    }

    public func forward(_ images: Tensor, mode: Mode) -> Tensor {
        precondition((try? validateInput(shape: images.shape)) != nil,
                     "\(configuration.displayName): input \(images.shape), expected \(expectedInputDescription)")
        return body.forward(images, mode: mode)
    }

    @discardableResult
    public func backward(_ logitsGradient: Tensor) -> Tensor {
        body.backward(logitsGradient)
    }

    public func zeroGradients() {
        for parameter in parameters {
            parameter.zeroGradient()
        }
    }
}
