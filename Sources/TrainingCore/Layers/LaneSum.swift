/// Sums in double over four interleaved lanes, added in a fixed order. Lanes let the
/// additions overlap, where a single running sum waits for each previous add. The order
/// depends on the count only, never on the thread count.
enum LaneSum {
    /// Returns the sums of both parts of `term(0..<count)`.
    @inline(__always)
    static func pairs(_ count: Int, _ term: (Int) -> (Double, Double)) -> (Double, Double) {
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

    /// Returns the sum of `value(0..<count)`.
    @inline(__always)
    static func single(_ count: Int, _ value: (Int) -> Double) -> Double {
        pairs(count) { (value($0), 0) }.0
    }
}
