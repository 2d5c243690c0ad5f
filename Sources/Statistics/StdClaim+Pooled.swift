extension StdClaim {
    /// Checks `claim` against the pooled within-group standard deviation of several groups,
    /// such as the runs of several configurations whose means differ.
    ///
    /// s_p^2 = sum_i (n_i - 1) s_i^2 / (N - k) for k groups of N values in all, and its
    /// chi-square interval has N - k degrees of freedom. It assumes one common spread in every
    /// group. `count` is N, `mean` the mean of all N values, and the binomial sd is taken at
    /// that mean. `runsToDistinguish` counts runs in all groups together: k plus the degrees
    /// of freedom the interval needs.
    public init(
        pooling groups: [Sample], claim: Double, level: Double = 0.95,
        testSetSize: Int? = nil, accuracyScale: Double = 100
    ) throws {
        guard claim > 0, claim.isFinite else {
            throw StatisticsError.invalidArgument(
                name: "claimed standard deviation", value: claim, expected: "a finite number greater than 0")
        }
        try validateLevel(level)
        for group in groups {
            try group.requireCount(2, for: "a group of a pooled standard deviation")
        }
        guard !groups.isEmpty else {
            throw StatisticsError.tooFewValues(statistic: "a pooled standard deviation (groups)", required: 1, actual: 0)
        }

        let allValues = try Sample(groups.flatMap(\.values))
        let degreesOfFreedom = allValues.count - groups.count
        var sumOfSquares = 0.0
        for group in groups {
            sumOfSquares += Double(group.count - 1) * (try group.standardDeviation()).squared
        }
        let pooled = (sumOfSquares / Double(degreesOfFreedom)).squareRoot()
        // An interval with N - k degrees of freedom is the single-sample interval of N - k + 1 values.
        let interval = try Sample.standardDeviationInterval(
            standardDeviation: pooled, count: degreesOfFreedom + 1, level: level)

        count = allValues.count
        mean = allValues.mean
        standardDeviation = Estimate(value: pooled, interval: interval, count: allValues.count)
        self.claim = claim
        claimIsInside = interval.contains(claim)
        runsToDistinguish = try Self.runsToDistinguish(claim: claim, standardDeviation: pooled, level: level)
            .map { $0 - 1 + groups.count }

        if let testSetSize {
            let binomial = try Self.binomialStandardDeviation(
                meanAccuracy: mean, testSetSize: testSetSize, accuracyScale: accuracyScale)
            binomialStandardDeviation = binomial
            binomialVarianceShare = pooled > 0 ? (binomial / pooled).squared : nil
        } else {
            binomialStandardDeviation = nil
            binomialVarianceShare = nil
        }
    }
}
