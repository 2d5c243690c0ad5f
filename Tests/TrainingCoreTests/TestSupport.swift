import Foundation
import Testing
import TrainingCore

/// Fixture files copied from the PyTorch reference cases into the test resources.
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func load(_ name: String) throws -> SafeTensors {
        try SafeTensors(contentsOf: url(name))
    }
}

/// The largest element-wise difference between two tensors of one shape.
func maxDifference(_ actual: Tensor, _ expected: Tensor) -> Float {
    precondition(actual.shape == expected.shape, "shapes \(actual.shape) and \(expected.shape) differ")
    var result: Float = 0
    for index in 0..<actual.count {
        let difference = abs(actual.scalars[index] - expected.scalars[index])
        result = max(result, difference.isNaN ? .infinity : difference)
    }
    return result
}

/// Expects every element within `tolerance * max|expected|` (or within `absolute`, whichever
/// is larger) of `expected`, naming the tensor on failure.
func expectClose(_ actual: Tensor, _ expected: Tensor, relativeToMax tolerance: Float, absolute: Float = 0,
                 _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(name): shape", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let bound = max(tolerance * expected.maxMagnitude, absolute)
    let difference = maxDifference(actual, expected)
    #expect(difference <= bound, "\(name): max difference \(difference) > bound \(bound)",
            sourceLocation: sourceLocation)
}

/// A tensor of uniform values in [-1, 1) from a seeded stream.
func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed, stream: "test")
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<count).map { _ in 2 * generator.nextUniform() - 1 })
}

/// A path in the system's temporary directory, unique to this process and `name`.
func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("atsbench-test-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
}
