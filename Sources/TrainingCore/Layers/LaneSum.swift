/// Sums in double over four interleaved lanes, added in a fixed order: element `i` of the
/// first `4 * (count / 4)` goes to lane `i % 4`, the rest to lane 0, and the result is
/// `(lane0 + lane1) + (lane2 + lane3)`. Lanes let the additions overlap, where a single
/// running sum waits for each previous add. The order depends on the count only, never on
/// the thread count.
///
/// The pointer functions hold lanes 0-1 and 2-3 in two `SIMD2<Double>` values, which
/// compile to SSE2 instructions without a target CPU (measured about twice as fast as four
/// scalar lanes for the batch-norm gradient sums). `pairs` and `single` are their oracles:
/// the same lanes as scalars, bit for bit the same sums.
public enum LaneSum {
    /// Returns the sum of `values[0..<count]`.
    @inline(__always)
    static func sum(_ values: UnsafePointer<Float>, count: Int) -> Double {
        var low = SIMD2<Double>(), high = SIMD2<Double>()
        var index = 0
        while index + 4 <= count {
            low += SIMD2(Double(values[index]), Double(values[index + 1]))
            high += SIMD2(Double(values[index + 2]), Double(values[index + 3]))
            index += 4
        }
        while index < count {
            low[0] += Double(values[index])
            index += 1
        }
        return (low[0] + low[1]) + (high[0] + high[1])
    }

    /// Returns the sum of `(values[i] - mean)^2` over `0..<count`.
    @inline(__always)
    static func centeredSquares(_ values: UnsafePointer<Float>, count: Int, mean: Double) -> Double {
        let means = SIMD2(repeating: mean)
        var low = SIMD2<Double>(), high = SIMD2<Double>()
        var index = 0
        while index + 4 <= count {
            let first = SIMD2(Double(values[index]), Double(values[index + 1])) - means
            let second = SIMD2(Double(values[index + 2]), Double(values[index + 3])) - means
            low += first * first
            high += second * second
            index += 4
        }
        while index < count {
            let centered = Double(values[index]) - mean
            low[0] += centered * centered
            index += 1
        }
        return (low[0] + low[1]) + (high[0] + high[1])
    }

    /// Returns the sums of `gradient[i]` and of `gradient[i] * xhat[i]` over `0..<count`, with
    /// `xhat[i] = Float((x[i] - mean) * inverseStd)` as batch norm's forward pass rounds it.
    @inline(__always)
    static func gradientSums(x: UnsafePointer<Float>, gradient: UnsafePointer<Float>, count: Int,
                             mean: Double, inverseStd: Double) -> (Double, Double) {
        let means = SIMD2(repeating: mean), scales = SIMD2(repeating: inverseStd)
        @inline(__always)
        func normalized(_ index: Int) -> SIMD2<Double> {
            let value = (SIMD2(Double(x[index]), Double(x[index + 1])) - means) * scales
            return SIMD2(Double(Float(value[0])), Double(Float(value[1])))
        }

        var gradientLow = SIMD2<Double>(), gradientHigh = SIMD2<Double>()
        var productLow = SIMD2<Double>(), productHigh = SIMD2<Double>()
        var index = 0
        while index + 4 <= count {
            let first = SIMD2(Double(gradient[index]), Double(gradient[index + 1]))
            let second = SIMD2(Double(gradient[index + 2]), Double(gradient[index + 3]))
            gradientLow += first
            gradientHigh += second
            productLow += first * normalized(index)
            productHigh += second * normalized(index + 2)
            index += 4
        }
        while index < count {
            let value = Double(gradient[index])
            gradientLow[0] += value
            productLow[0] += value * Double(Float((Double(x[index]) - mean) * inverseStd))
            index += 1
        }
        return ((gradientLow[0] + gradientLow[1]) + (gradientHigh[0] + gradientHigh[1]),
                (productLow[0] + productLow[1]) + (productHigh[0] + productHigh[1]))
    }

    /// Returns the sums of both parts of `term(0..<count)`, four scalar lanes: the oracle.
    public static func pairs(_ count: Int, _ term: (Int) -> (Double, Double)) -> (Double, Double) {
        var first = (0.0, 0.0, 0.0, 0.0), second = (0.0, 0.0, 0.0, 0.0)
        var index = 0
        while index + 4 <= count {
            let t0 = term(index), t1 = term(index + 1), t2 = term(index + 2), t3 = term(index + 3)
            first.0 += t0.0; first.1 += t1.0; first.2 += t2.0; first.3 += t3.0
            second.0 += t0.1; second.1 += t1.1; second.2 += t2.1; second.3 += t3.1
            index += 4
        }
        while index < count {
            let t = term(index)
            first.0 += t.0
            second.0 += t.1
            index += 1
        }
        return ((first.0 + first.1) + (first.2 + first.3), (second.0 + second.1) + (second.2 + second.3))
    }

    /// Returns the sum of `value(0..<count)`, four scalar lanes: the oracle.
    public static func single(_ count: Int, _ value: (Int) -> Double) -> Double {
        pairs(count) { (value($0), 0) }.0
    }

    /// `sum`, `centeredSquares` and `gradientSums` of arrays, for tests against the oracles.
    public static func sums(x: [Float], gradient: [Float], mean: Double, inverseStd: Double)
        -> (sum: Double, centeredSquares: Double, gradient: Double, product: Double) {
        precondition(x.count == gradient.count, "x has \(x.count) values, gradient \(gradient.count)")
        return x.withUnsafeBufferPointer { xBuffer in
            gradient.withUnsafeBufferPointer { gradientBuffer in
                let xBase = xBuffer.baseAddress!, gradientBase = gradientBuffer.baseAddress!
                let pair = gradientSums(x: xBase, gradient: gradientBase, count: x.count,
                                        mean: mean, inverseStd: inverseStd)
                return (sum(xBase, count: x.count), centeredSquares(xBase, count: x.count, mean: mean),
                        pair.0, pair.1)
            }
        }
    }
}
