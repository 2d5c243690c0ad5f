/// A two-sided confidence interval at a stated confidence level.
public struct ConfidenceInterval: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    /// The confidence level, such as 0.95.
    public let level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}

/// A point estimate with its confidence interval and the number of values behind it.
public struct Estimate: Sendable, Equatable {
    public let value: Double
    public let interval: ConfidenceInterval
    public let count: Int
}
