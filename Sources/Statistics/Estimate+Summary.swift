extension Estimate {
    /// The t interval of a mean from summary statistics: `mean -+ t(1 - alpha/2, n - 1) * sd / sqrt(n)`,
    /// for values stored as n, mean and sample standard deviation.
    public static func meanInterval(mean: Double, standardDeviation: Double, count: Int,
                                    level: Double = 0.95) throws -> Estimate {
        guard count >= 2 else {
            throw StatisticsError.tooFewValues(statistic: "a t interval", required: 2, actual: count)
        }
        guard mean.isFinite, standardDeviation.isFinite, standardDeviation >= 0 else {
            throw StatisticsError.nonFiniteValue(index: 0, value: mean.isFinite ? standardDeviation : mean)
        }
        guard level > 0, level < 1 else {
            throw StatisticsError.invalidArgument(name: "level", value: level, expected: "a confidence level in (0, 1)")
        }
        let n = Double(count)
        let t = try GSL.shared.tQuantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
        let halfWidth = t * standardDeviation / n.squareRoot()
        return Estimate(value: mean, interval: ConfidenceInterval(lower: mean - halfWidth, upper: mean + halfWidth,
                                                                  level: level), count: count)
    }
}
