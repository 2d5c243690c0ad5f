/// The Brown-Forsythe test of equal spread across groups, such as the runs of several
/// configurations: a one-way ANOVA on each value's absolute deviation from its group's
/// median (Levene's test with the median as centre, SciPy's `levene(center="median")`).
/// It stays valid for skewed or heavy-tailed values where Bartlett's test does not.
public enum BrownForsythe {
    public struct Result: Sendable, Equatable {
        /// The F statistic.
        public let statistic: Double
        public let numeratorDegreesOfFreedom: Double
        public let denominatorDegreesOfFreedom: Double
        public let pValue: Double
    }

    /// Tests `groups` (at least two, of at least two values each) for equal spread.
    public static func test(_ groups: [Sample]) throws -> Result {
        guard groups.count >= 2 else {
            throw StatisticsError.tooFewValues(statistic: "the Brown-Forsythe test (groups)", required: 2, actual: groups.count)
        }
        for group in groups {
            try group.requireCount(2, for: "each group of the Brown-Forsythe test")
        }

        let gsl = GSL.shared
        let deviations = groups.map { group -> [Double] in
            let median = gsl.quantile(sortedValues: gsl.sorted(group.values), fraction: 0.5)
            return group.values.map { abs($0 - median) }
        }
        let groupMeans = deviations.map { gsl.mean($0) }
        let totalCount = deviations.reduce(0) { $0 + $1.count }
        let grandMean = gsl.mean(deviations.flatMap { $0 })

        var betweenGroups = 0.0
        var withinGroups = 0.0
        for (groupDeviations, groupMean) in zip(deviations, groupMeans) {
            betweenGroups += Double(groupDeviations.count) * (groupMean - grandMean).squared
            withinGroups += groupDeviations.reduce(0) { $0 + ($1 - groupMean).squared }
        }
        guard withinGroups > 0 else {
            throw StatisticsError.zeroSpread(statistic: "the Brown-Forsythe F statistic")
        }

        let df1 = Double(groups.count - 1)
        let df2 = Double(totalCount - groups.count)
        let f = (betweenGroups / df1) / (withinGroups / df2)
        let p = try gsl.fUpperTail(f, numeratorDegreesOfFreedom: df1, denominatorDegreesOfFreedom: df2)
        return Result(statistic: f, numeratorDegreesOfFreedom: df1, denominatorDegreesOfFreedom: df2, pValue: p)
    }
}
