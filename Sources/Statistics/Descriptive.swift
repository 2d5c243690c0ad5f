/// The descriptive statistics of a sample: location, spread and range.
///
/// Quantiles interpolate linearly between order statistics (R's type 7, NumPy's default).
public struct Descriptive: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// The sample standard deviation, divisor n - 1.
    public let standardDeviation: Double
    public let median: Double
    /// The third quartile minus the first.
    public let interquartileRange: Double
    /// The mean of the values left after cutting floor(n / 4) from each end of the sorted
    /// sample, as `scipy.stats.trim_mean(x, 0.25)` computes it.
    public let interquartileMean: Double
    public let minimum: Double
    public let maximum: Double

    /// Describes `sample`; throws for fewer than two values, since the spread needs two.
    public init(_ sample: Sample) throws {
        try sample.requireCount(2, for: "a description with a standard deviation")
        let gsl = GSL.shared
        let sorted = gsl.sorted(sample.values)

        count = sample.count
        mean = sample.mean
        standardDeviation = gsl.standardDeviation(sample.values)
        median = gsl.quantile(sortedValues: sorted, fraction: 0.5)
        interquartileRange = gsl.quantile(sortedValues: sorted, fraction: 0.75)
            - gsl.quantile(sortedValues: sorted, fraction: 0.25)
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]

        let cut = sorted.count / 4
        interquartileMean = gsl.mean(Array(sorted[cut..<(sorted.count - cut)]))
    }
}
