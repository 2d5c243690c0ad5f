/// A check of a claimed run-to-run standard deviation, such as "final accuracy varies by
/// about 0.5 percentage points across seeds", against a group of runs.
public struct StdClaim: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// The measured standard deviation s (divisor n - 1), with its chi-square interval.
    public let standardDeviation: Estimate
    public let claim: Double
    /// Whether the claim lies inside the interval of s.
    public let claimIsInside: Bool
    /// The smallest number of runs whose interval would exclude the claim if s stayed as
    /// measured. It is nil when s equals the claim or more than `maximumRuns` would be
    /// needed. It is a planning figure, not a power calculation, because s itself moves
    /// with more runs.
    public let runsToDistinguish: Int?
    /// The standard deviation that per-image chance alone would give: the binomial sd of an
    /// accuracy measured on `testSetSize` images, at the mean accuracy, if every image were
    /// right or wrong independently in each run. In the units of the values; nil when no
    /// test-set size was given. Runs evaluated on one test set share their hard images, so
    /// they can vary less than this.
    public let binomialStandardDeviation: Double?
    /// The binomial variance as a share of s^2; above 1 when the runs vary less than
    /// per-image chance alone would make them.
    public let binomialVarianceShare: Double?

    /// The largest run count that `runsToDistinguish` searches.
    ///
    /// NOTE: GSL 2.7's `gsl_cdf_chisq_Pinv` returns NaN for some degrees of freedom above
    /// about 2000 (first at df = 2159, p = 0.995, in a scan of df <= 20000), so the search
    /// stops at 1000 runs, far beyond any seed budget.
    public static let maximumRuns = 1_000

    /// Checks `claim` (in the units of the values, greater than 0) against `sample`.
    ///
    /// - Parameters:
    ///   - testSetSize: the number of test images behind each accuracy, or nil to skip the
    ///     binomial comparison.
    ///   - accuracyScale: the value that stands for 100 % accuracy: 100 when accuracies are
    ///     percentages, 1 when they are fractions.
    public init(
        _ sample: Sample, claim: Double, level: Double = 0.95,
        testSetSize: Int? = nil, accuracyScale: Double = 100
    ) throws {
        guard claim > 0, claim.isFinite else {
            throw StatisticsError.invalidArgument(
                name: "claimed standard deviation", value: claim, expected: "a finite number greater than 0")
        }
        let estimate = try sample.standardDeviationInterval(level: level)
        count = sample.count
        mean = sample.mean
        standardDeviation = estimate
        self.claim = claim
        claimIsInside = estimate.interval.contains(claim)
        runsToDistinguish = try Self.runsToDistinguish(
            claim: claim, standardDeviation: estimate.value, level: level)

        if let testSetSize {
            let binomial = try Self.binomialStandardDeviation(
                meanAccuracy: mean, testSetSize: testSetSize, accuracyScale: accuracyScale)
            binomialStandardDeviation = binomial
            binomialVarianceShare = estimate.value > 0 ? (binomial / estimate.value).squared : nil
        } else {
            binomialStandardDeviation = nil
            binomialVarianceShare = nil
        }
    }

    /// Finds the smallest n >= 2 whose chi-square interval around `s` excludes `claim`. The upper
    /// end of the interval falls and the lower end rises towards s as n grows, so a binary
    /// search over n finds it.
    static func runsToDistinguish(claim: Double, standardDeviation s: Double, level: Double) throws -> Int? {
        guard s != claim else { return nil }
        func excludes(_ n: Int) throws -> Bool {
            let interval = try Sample.standardDeviationInterval(standardDeviation: s, count: n, level: level)
            return !interval.contains(claim)
        }
        guard try excludes(maximumRuns) else { return nil }

        var low = 2
        var high = maximumRuns
        while low < high {
            let middle = (low + high) / 2
            if try excludes(middle) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// sqrt(p (1 - p) / m) * scale, with p = mean / scale and m test images.
    static func binomialStandardDeviation(
        meanAccuracy: Double, testSetSize: Int, accuracyScale: Double
    ) throws -> Double {
        guard testSetSize >= 1 else {
            throw StatisticsError.invalidArgument(
                name: "test-set size", value: Double(testSetSize), expected: "at least 1 image")
        }
        guard accuracyScale > 0 else {
            throw StatisticsError.invalidArgument(
                name: "accuracy scale", value: accuracyScale, expected: "100 for percentages or 1 for fractions")
        }
        let p = meanAccuracy / accuracyScale
        guard (0...1).contains(p) else {
            throw StatisticsError.invalidArgument(
                name: "mean accuracy", value: meanAccuracy,
                expected: "a value between 0 and the accuracy scale \(accuracyScale)")
        }
        return (p * (1 - p) / Double(testSetSize)).squareRoot() * accuracyScale
    }
}
