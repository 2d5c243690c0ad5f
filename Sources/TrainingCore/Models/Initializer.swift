import Foundation

/// Weight initialisations of the reference CIFAR models, drawn from the `init` stream.
enum Initializer {
    /// Kaiming normal with `mode='fan_out'`, `nonlinearity='relu'`:
    /// `N(0, 2 / (O * KH * KW))`, as the reference ResNet, VGG and WRN convolutions.
    static func kaimingNormalFanOut(_ parameter: Parameter, generator: inout SeededGenerator) {
        let shape = parameter.value.shape
        let fanOut = shape[0] * shape.dropFirst(2).reduce(1, *)
        let std = (2.0 / Double(fanOut)).squareRoot()
        fillNormal(parameter, std: std, generator: &generator)
    }

    /// PyTorch's default `nn.Linear` weight and bias: `U(-1/sqrt(I), 1/sqrt(I))`
    /// (kaiming uniform with a = sqrt(5) reduces to this bound).
    static func pytorchDefaultUniform(_ parameter: Parameter, fanIn: Int, generator: inout SeededGenerator) {
        let bound = 1 / Double(fanIn).squareRoot()
        for index in 0..<parameter.value.count {
            parameter.value.scalars[index] = Float((2 * generator.nextUniformDouble() - 1) * bound)
        }
    }

    static func fillNormal(_ parameter: Parameter, std: Double, generator: inout SeededGenerator) {
        for index in 0..<parameter.value.count {
            parameter.value.scalars[index] = Float(std * generator.nextGaussian())
        }
    }
}
