/// A dense float32 tensor in row-major order.
///
/// Shape letters used throughout TrainingCore:
/// - `N`: batch size (images)
/// - `C`: input channels, `O`: output channels
/// - `H`, `W`: height and width of a feature map; `Ho`, `Wo` after a layer
/// - `KH`, `KW`: kernel height and width; `K = C * KH * KW`, the rows of an im2col matrix
/// - `I`: input features of a linear layer, `L`: classes (logits)
///
/// Images are NCHW: `[N, C, H, W]`. Storage is a Swift array, so copies are copy-on-write.
public struct Tensor: Equatable, Sendable {
    public private(set) var shape: [Int]
    public var scalars: [Float]

    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    /// Creates a tensor whose scalars `initializer` writes, every one of them, without
    /// zeroing them first.
    init(shape: [Int], initializingWith initializer: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            initializer(buffer)
            initializedCount = count
        }
        self.init(shape: shape, scalars: scalars)
    }

    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// Returns the same scalars under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Sets every scalar to zero, keeping the storage.
    public mutating func zero() {
        scalars.withUnsafeMutableBufferPointer { buffer in
            buffer.update(repeating: 0)
        }
    }
}

extension Tensor {
    /// Element-wise sum; the shapes must be equal.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        precondition(lhs.shape == rhs.shape, "cannot add shapes \(lhs.shape) and \(rhs.shape)")
        var result = lhs
        result.add(rhs)
        return result
    }

    /// Adds `other` element-wise in place; the shapes must be equal.
    public mutating func add(_ other: Tensor) {
        precondition(shape == other.shape, "cannot add shapes \(shape) and \(other.shape)")
        let count = scalars.count
        scalars.withUnsafeMutableBufferPointer { target in
            other.scalars.withUnsafeBufferPointer { source in
                for index in 0..<count {
                    target[index] += source[index]
                }
            }
        }
    }

    /// Adds `other` element-wise in place on the executor's threads, in fixed blocks, with the
    /// same result as `add(_:)`. The shapes must be equal.
    public mutating func add(_ other: Tensor, executor: Executor) {
        precondition(shape == other.shape, "cannot add shapes \(shape) and \(other.shape)")
        scalars.withUnsafeMutableBufferPointer { targetBuffer in
            other.scalars.withUnsafeBufferPointer { sourceBuffer in
                let target = targetBuffer.baseAddress!, source = sourceBuffer.baseAddress!
                executor.forEachBlock(targetBuffer.count) { range in
                    for index in range {
                        target[index] += source[index]
                    }
                }
            }
        }
    }

    /// The largest absolute value, or 0 for an empty tensor.
    public var maxMagnitude: Float {
        scalars.reduce(0) { Swift.max($0, abs($1)) }
    }
}
