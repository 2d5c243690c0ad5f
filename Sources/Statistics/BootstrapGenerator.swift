/// SplitMix64, the seeded generator of the bootstrap.
///
/// It is written out here, not taken from the standard library, so a seed draws the same
/// resamples on every platform and Swift release. Its algorithm is short enough that the
/// reference scripts of the tests replay it exactly.
struct BootstrapGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Draws a uniform integer in `0..<bound` without modulo bias, by Lemire's method.
    mutating func nextIndex(below bound: Int) -> Int {
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
}
