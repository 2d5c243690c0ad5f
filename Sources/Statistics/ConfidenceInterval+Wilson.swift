extension ConfidenceInterval {
    /// The Wilson score interval for a proportion, such as an accuracy of `successes`
    /// correct predictions on `trials` test images, as a fraction in [0, 1].
    ///
    /// Unlike the Wald interval p -+ z * sqrt(p(1 - p)/n), it stays inside [0, 1] and does
    /// not collapse to a point at 0 or n successes.
    public static func wilson(successes: Int, trials: Int, level: Double = 0.95) throws -> ConfidenceInterval {
        try validateLevel(level)
        guard trials >= 1 else {
            throw StatisticsError.invalidArgument(
                name: "number of trials", value: Double(trials), expected: "at least 1")
        }
        guard (0...trials).contains(successes) else {
            throw StatisticsError.invalidArgument(
                name: "number of successes", value: Double(successes),
                expected: "a count between 0 and the \(trials) trials")
        }

        let n = Double(trials)
        let p = Double(successes) / n
        let z = try GSL.shared.normalQuantile(1 - (1 - level) / 2)
        let zSquared = z * z
        let denominator = 1 + zSquared / n
        let center = (p + zSquared / (2 * n)) / denominator
        let halfWidth = z / denominator * (p * (1 - p) / n + zSquared / (4 * n * n)).squareRoot()
        return ConfidenceInterval(
            lower: max(0, center - halfWidth), upper: min(1, center + halfWidth), level: level)
    }
}
