/// A non-empty list of finite measurements, such as the final accuracies of one
/// configuration's runs. Every estimator and test of this module takes its data as samples,
/// so NaN and infinities are rejected once, here.
public struct Sample: Sendable, Equatable {
    public let values: [Double]

    /// Creates a sample, throwing on an empty list or on a NaN or infinite value.
    public init(_ values: [Double]) throws {
        guard !values.isEmpty else {
            throw StatisticsError.tooFewValues(statistic: "a sample", required: 1, actual: 0)
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.nonFiniteValue(index: index, value: values[index])
        }
        self.values = values
    }

    public var count: Int { values.count }

    /// The arithmetic mean.
    public var mean: Double { GSL.shared.mean(values) }

    /// The sample standard deviation (divisor n - 1); throws for fewer than two values.
    public func standardDeviation() throws -> Double {
        try requireCount(2, for: "a standard deviation")
        return GSL.shared.standardDeviation(values)
    }

    /// Throws `tooFewValues` unless the sample has at least `minimum` values.
    func requireCount(_ minimum: Int, for statistic: String) throws {
        guard count >= minimum else {
            throw StatisticsError.tooFewValues(statistic: statistic, required: minimum, actual: count)
        }
    }
}

/// Throws unless `level` lies strictly between 0 and 1.
func validateLevel(_ level: Double) throws {
    guard level > 0, level < 1 else {
        throw StatisticsError.invalidArgument(
            name: "confidence level", value: level, expected: "a number between 0 and 1, such as 0.95")
    }
}

extension Sample {
    /// Relative size below which a standard deviation is rounding noise: values that differ
    /// only in their last bits (such as 75.1 - 76.0 and 75.4 - 76.3 in binary) give an sd of
    /// about 1e-16 of their magnitude, never a real spread.
    static let negligibleRelativeSpread = 1e-12

    /// Whether `spread` (a standard deviation or standard error of these values) is rounding
    /// noise rather than variation.
    func isNegligible(spread: Double) -> Bool {
        let scale = values.reduce(0) { Swift.max($0, abs($1)) }
        return spread <= Self.negligibleRelativeSpread * Swift.max(scale, Double.leastNormalMagnitude)
    }
}
