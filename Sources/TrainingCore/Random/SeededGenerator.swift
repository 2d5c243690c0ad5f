import Foundation

/// The one random number generator of atsbench: xoshiro256** seeded through SplitMix64.
///
/// Its algorithm and every mapping to floats are our own code, so a seed gives the same
/// numbers on every platform and Swift release (the standard library's generators and
/// `random(in:)` make no such promise). Each trial derives named streams from its seed
/// (`init`, `order`, `augment`), so one source of randomness can vary while the others
/// stay fixed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates the generator of `stream` (for example "init") under `seed`.
    public init(seed: UInt64, stream: String = "") {
        // FNV-1a of the stream name, so streams of one seed are unrelated.
        var nameHash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            nameHash = (nameHash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var mixer = seed ^ nameHash
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// Creates the generator from its raw 256-bit state, for checks against reference values.
    public init(rawState: (UInt64, UInt64, UInt64, UInt64)) {
        state = rawState
    }

    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniform float in [0, 1), from the top 24 bits (every value a multiple of 2^-24).
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform double in [0, 1), from the top 53 bits.
    public mutating func nextUniformDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal sample by the Box-Muller transform, in double precision.
    public mutating func nextGaussian() -> Double {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let radius = (-2.0 * log(1.0 - nextUniformDouble())).squareRoot()
        let angle = 2.0 * Double.pi * nextUniformDouble()
        return radius * cos(angle)
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive, got \(bound)")
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    /// A Fisher-Yates permutation of `0..<count`.
    public mutating func permutation(of count: Int) -> [Int] {
        var order = Array(0..<count)
        var index = count - 1
        while index > 0 {
            let other = nextIndex(below: index + 1)
            order.swapAt(index, other)
            index -= 1
        }
        return order
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private static func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
