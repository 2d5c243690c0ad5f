/// The Wilcoxon signed-rank test of whether differences are symmetric about zero.
///
/// Zero differences are dropped first (Wilcoxon's method, SciPy's `zero_method="wilcox"`)
/// and the absolute differences ranked, ties sharing their average rank. With at most
/// `exactLimit` non-zero differences the p-value comes from the exact null distribution of
/// the positive rank sum given these ranks: all 2^n sign patterns, counted over the ranks
/// as they are, tied or not. Above it, from the normal approximation with the tie
/// correction of the variance and no continuity correction.
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
    /// NOTE: SciPy 1.17's `wilcoxon(method="auto")` agrees without ties and zeros, and on a
    /// tied sample of 9, where its permutation test enumerates every sign pattern. On a tied
    /// sample of 16 it returned the normal approximation's p-value, so for larger tied
    /// samples SciPy's p-value differs from this exact one.
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

        let method: Method = n <= exactLimit ? .exact : .normalApproximation
        let p: Double
        switch method {
        case .exact:
            // Average ranks are whole or half numbers, so doubled they are integers.
            p = exactPValue(doubledPositiveRankSum: Int((2 * positive).rounded()),
                            doubledRanks: ranks.map { Int((2 * $0).rounded()) }, alternative: alternative)
        case .normalApproximation:
            p = try approximatePValue(
                positiveRankSum: positive, count: n, tieGroupSizes: tieGroupSizes, alternative: alternative)
        }
        return Result(
            positiveRankSum: positive, negativeRankSum: total - positive, pValue: p, method: method, count: n)
    }

    /// Returns the null distribution of W+ over integer (doubled) ranks: entry w is the number of
    /// subsets of the ranks whose sum is w, out of 2^n. The counts stay below 2^50 for
    /// n <= 50, so a Double represents them and their sums exactly.
    static func exactCounts(doubledRanks: [Int]) -> [Double] {
        var counts = [Double](repeating: 0, count: doubledRanks.reduce(0, +) + 1)
        counts[0] = 1
        var reachable = 0
        for rank in doubledRanks {
            reachable += rank
            // Descending, so each rank enters a subset at most once.
            var sum = reachable
            while sum >= rank {
                counts[sum] += counts[sum - rank]
                sum -= 1
            }
        }
        return counts
    }

    private static func exactPValue(doubledPositiveRankSum w: Int, doubledRanks: [Int],
                                    alternative: Alternative) -> Double {
        let counts = exactCounts(doubledRanks: doubledRanks)
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
