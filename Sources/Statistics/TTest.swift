/// The direction of a test's alternative hypothesis, in SciPy's terms: `less` means the
/// first group's mean (or the sample's) lies below the second group's (or the reference).
public enum Alternative: String, Sendable, CaseIterable {
    case twoSided = "two-sided"
    case less
    case greater
}

/// The result of a t test: the statistic, its degrees of freedom, the p-value, and the
/// estimated mean (or mean difference) with its two-sided confidence interval.
public struct TTestResult: Sendable, Equatable {
    public let statistic: Double
    public let degreesOfFreedom: Double
    public let pValue: Double
    /// The sample mean, or the mean of the first group minus that of the second.
    public let estimate: Estimate
}

/// Student's t tests: one-sample, Welch's unequal-variance two-sample, and paired.
public enum TTest {
    /// Tests whether `sample`'s population mean equals `reference`, such as a published
    /// accuracy: t = (mean - reference) / (s / sqrt(n)) with n - 1 degrees of freedom.
    public static func oneSample(
        _ sample: Sample, reference: Double, alternative: Alternative = .twoSided, level: Double = 0.95
    ) throws -> TTestResult {
        let estimate = try sample.meanInterval(level: level)
        let standardError = try sample.standardDeviation() / Double(sample.count).squareRoot()
        guard !sample.isNegligible(spread: standardError) else {
            throw StatisticsError.zeroSpread(statistic: "the one-sample t statistic")
        }

        let t = (sample.mean - reference) / standardError
        let df = Double(sample.count - 1)
        return TTestResult(
            statistic: t, degreesOfFreedom: df,
            pValue: try pValue(t: t, degreesOfFreedom: df, alternative: alternative),
            estimate: estimate)
    }

    /// Welch's test of equal means without assuming equal variances:
    /// t = (mean_a - mean_b) / sqrt(s_a^2/n_a + s_b^2/n_b), with the Welch-Satterthwaite
    /// degrees of freedom.
    public static func welch(
        _ a: Sample, _ b: Sample, alternative: Alternative = .twoSided, level: Double = 0.95
    ) throws -> TTestResult {
        try validateLevel(level)
        let varianceA = try a.standardDeviation().squared / Double(a.count)
        let varianceB = try b.standardDeviation().squared / Double(b.count)
        let standardError = (varianceA + varianceB).squareRoot()
        guard !(try Sample(a.values + b.values)).isNegligible(spread: standardError) else {
            throw StatisticsError.zeroSpread(statistic: "Welch's t statistic")
        }

        let difference = a.mean - b.mean
        let t = difference / standardError
        let df = (varianceA + varianceB).squared
            / (varianceA.squared / Double(a.count - 1) + varianceB.squared / Double(b.count - 1))
        let halfWidth = try GSL.shared.tQuantile(1 - (1 - level) / 2, degreesOfFreedom: df) * standardError
        let interval = ConfidenceInterval(lower: difference - halfWidth, upper: difference + halfWidth, level: level)
        return TTestResult(
            statistic: t, degreesOfFreedom: df,
            pValue: try pValue(t: t, degreesOfFreedom: df, alternative: alternative),
            estimate: Estimate(value: difference, interval: interval, count: a.count + b.count))
    }

    /// The paired t test: a one-sample test of the differences a_i - b_i against 0.
    public static func paired(
        _ a: Sample, _ b: Sample, alternative: Alternative = .twoSided, level: Double = 0.95
    ) throws -> TTestResult {
        let differences = try pairedDifferences(a, b)
        return try oneSample(differences, reference: 0, alternative: alternative, level: level)
    }

    /// The p-value of `t` under a t distribution with `df` degrees of freedom.
    static func pValue(t: Double, degreesOfFreedom df: Double, alternative: Alternative) throws -> Double {
        let gsl = GSL.shared
        switch alternative {
        case .twoSided: return min(1, 2 * (try gsl.tUpperTail(abs(t), degreesOfFreedom: df)))
        case .less: return try gsl.tCDF(t, degreesOfFreedom: df)
        case .greater: return try gsl.tUpperTail(t, degreesOfFreedom: df)
        }
    }
}

/// The differences a_i - b_i of two paired samples of equal size.
func pairedDifferences(_ a: Sample, _ b: Sample) throws -> Sample {
    guard a.count == b.count else {
        throw StatisticsError.unequalPairCounts(first: a.count, second: b.count)
    }
    return try Sample(zip(a.values, b.values).map { $0 - $1 })
}

extension Double {
    var squared: Double { self * self }
}
