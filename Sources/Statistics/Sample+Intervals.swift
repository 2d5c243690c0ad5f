extension Sample {
    /// The t interval for the population mean: mean -+ t(1 - alpha/2, n - 1) * s / sqrt(n),
    /// with alpha = 1 - level. It assumes roughly normal values or a large n.
    public func meanInterval(level: Double = 0.95) throws -> Estimate {
        try validateLevel(level)
        let s = try standardDeviation()
        let n = Double(count)
        let t = try GSL.shared.tQuantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
        let halfWidth = t * s / n.squareRoot()
        let interval = ConfidenceInterval(lower: mean - halfWidth, upper: mean + halfWidth, level: level)
        return Estimate(value: mean, interval: interval, count: count)
    }

    /// The chi-square interval for the population standard deviation:
    /// [s * sqrt((n - 1) / chi2(1 - alpha/2)), s * sqrt((n - 1) / chi2(alpha/2))] with n - 1
    /// degrees of freedom. Unlike the t interval it does not become right for non-normal
    /// values as n grows, so heavy tails make it too narrow.
    public func standardDeviationInterval(level: Double = 0.95) throws -> Estimate {
        try validateLevel(level)
        let s = try standardDeviation()
        let interval = try Self.standardDeviationInterval(
            standardDeviation: s, count: count, level: level)
        return Estimate(value: s, interval: interval, count: count)
    }

    /// The chi-square interval of a standard deviation `s` measured on `count` values.
    static func standardDeviationInterval(
        standardDeviation s: Double, count: Int, level: Double
    ) throws -> ConfidenceInterval {
        let df = Double(count - 1)
        let tail = (1 - level) / 2
        let upperQuantile = try GSL.shared.chiSquaredQuantile(1 - tail, degreesOfFreedom: df)
        let lowerQuantile = try GSL.shared.chiSquaredQuantile(tail, degreesOfFreedom: df)
        return ConfidenceInterval(
            lower: s * (df / upperQuantile).squareRoot(),
            upper: s * (df / lowerQuantile).squareRoot(),
            level: level)
    }
}
