/// The Wilcoxon signed-rank test of whether differences are symmetric about zero.
///
/// Zero differences are dropped first (Wilcoxon's method, SciPy's `zero_method="wilcox"`)
/// and the absolute differences ranked, ties sharing their average rank. With no ties and
/// at most `exactLimit` non-zero differences the p-value comes from the exact null
/// distribution of the positive rank sum; otherwise from the normal approximation with the
/// tie correction of the variance and no continuity correction.
public enum WilcoxonSignedRank {
    public enum Method: String, Sendable {
        case exact
        case normalApproximation = "normal approximation"
    }

    public struct Result: Sendable, Equatable {
        /// The sum of the ranks of the positive differences, W+.
        public let positiveRankSum: Double
        /// The sum of the ranks of the negative differences, W-.
        public let negativeRankSum: Double
        public let pValue: Double
        public let method: Method
        /// The number of non-zero differences that were ranked.
        public let count: Int
    }

    /// The largest number of non-zero differences given an exact p-value.
    ///
    /// NOTE: SciPy 1.17's `wilcoxon(method="auto")` switches at the same count, but for
    /// tied or zero differences among at most 50 it runs a permutation test, so its p-value
    /// there differs from this normal approximation.
    public static let exactLimit = 50

    /// Tests the paired differences a_i - b_i.
    public static func paired(_ a: Sample, _ b: Sample, alternative: Alternative = .twoSided) throws -> Result {
        try test(differences: pairedDifferences(a, b), alternative: alternative)
    }

    /// Tests whether `differences` are symmetric about zero.
    public static func test(differences: Sample, alternative: Alternative = .twoSided) throws -> Result {
        let nonZero = differences.values.filter { $0 != 0 }
        guard !nonZero.isEmpty else {
            throw StatisticsError.tooFewValues(
                statistic: "the Wilcoxon signed-rank test (non-zero differences)", required: 1, actual: 0)
        }

        let (ranks, tieGroupSizes) = averageRanks(of: nonZero.map(abs))
        var positive = 0.0
        for (difference, rank) in zip(nonZero, ranks) where difference > 0 {
            positive += rank
        }
        let n = nonZero.count
        let total = Double(n * (n + 1)) / 2

        let method: Method = tieGroupSizes.isEmpty && n <= exactLimit ? .exact : .normalApproximation
        let p: Double
        switch method {
        case .exact:
            p = exactPValue(positiveRankSum: Int(positive), count: n, alternative: alternative)
        case .normalApproximation:
            p = try approximatePValue(
                positiveRankSum: positive, count: n, tieGroupSizes: tieGroupSizes, alternative: alternative)
        }
        return Result(
            positiveRankSum: positive, negativeRankSum: total - positive, pValue: p, method: method, count: n)
    }

    /// The null distribution of W+ for `n` untied ranks: entry w is the number of subsets of
    /// {1, ..., n} whose sum is w, out of 2^n. The counts stay below 2^50 for n <= 50, so
    /// a Double represents them exactly.
    static func exactCounts(count n: Int) -> [Double] {
        let maximum = n * (n + 1) / 2
        var counts = [Double](repeating: 0, count: maximum + 1)
        counts[0] = 1
        for rank in 1...n {
            // Descending, so each rank enters a subset at most once.
            var sum = rank * (rank + 1) / 2
            while sum >= rank {
                counts[sum] += counts[sum - rank]
                sum -= 1
            }
        }
        return counts
    }

    private static func exactPValue(positiveRankSum w: Int, count n: Int, alternative: Alternative) -> Double {
        let counts = exactCounts(count: n)
        let subsets = counts.reduce(0, +)
        let atMost = counts[0...w].reduce(0, +) / subsets
        let atLeast = counts[w...].reduce(0, +) / subsets
        switch alternative {
        case .twoSided: return min(1, 2 * min(atMost, atLeast))
        case .less: return atMost
        case .greater: return atLeast
        }
    }

    private static func approximatePValue(
        positiveRankSum w: Double, count n: Int, tieGroupSizes: [Int], alternative: Alternative
    ) throws -> Double {
        let size = Double(n)
        let mean = size * (size + 1) / 4
        var variance = size * (size + 1) * (2 * size + 1) / 24
        for tieSize in tieGroupSizes {
            let t = Double(tieSize)
            variance -= (t * t * t - t) / 48
        }
        guard variance > 0 else { throw StatisticsError.zeroSpread(statistic: "the signed-rank statistic") }

        let z = (w - mean) / variance.squareRoot()
        let gsl = GSL.shared
        switch alternative {
        case .twoSided: return min(1, 2 * (try gsl.normalUpperTail(abs(z))))
        case .less: return try gsl.normalCDF(z)
        case .greater: return try gsl.normalUpperTail(z)
        }
    }
}

/// The 1-based ranks of `values`, ties taking the mean of the ranks they span, and the size
/// of every group of two or more tied values.
func averageRanks(of values: [Double]) -> (ranks: [Double], tieGroupSizes: [Int]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieGroupSizes: [Int] = []
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count && values[order[end]] == values[order[start]] {
            end += 1
        }
        let averageRank = Double(start + 1 + end) / 2
        for position in start..<end {
            ranks[order[position]] = averageRank
        }
        if end - start > 1 {
            tieGroupSizes.append(end - start)
        }
        start = end
    }
    return (ranks, tieGroupSizes)
}
