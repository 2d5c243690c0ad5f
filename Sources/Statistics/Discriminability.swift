/// Confidence intervals for a teacher's class discriminability at one temperature: the
/// derived average e(q), the mean of the C - 1 wrong-class probabilities of a sample, and
/// the derived variance sigma(q), their population standard deviation.
///
/// Over samples, each interval is a t interval of the per-sample values, which describes
/// one trained teacher. Over teacher seeds, each seed's values are first averaged over its
/// samples and the t interval is taken across seeds, which describes the training recipe.
public struct Discriminability: Sendable, Equatable {
    /// e(q) averaged over samples (or seeds), with its interval.
    public let derivedAverage: Estimate
    /// sigma(q) averaged over samples (or seeds), with its interval.
    public let derivedVariance: Estimate

    /// Intervals over the samples of one teacher: `derivedAverages[i]` and
    /// `derivedVariances[i]` are e(q) and sigma(q) of sample i.
    public static func overSamples(
        derivedAverages: Sample, derivedVariances: Sample, level: Double = 0.95
    ) throws -> Discriminability {
        guard derivedAverages.count == derivedVariances.count else {
            throw StatisticsError.unequalPairCounts(first: derivedAverages.count, second: derivedVariances.count)
        }
        return Discriminability(
            derivedAverage: try derivedAverages.meanInterval(level: level),
            derivedVariance: try derivedVariances.meanInterval(level: level))
    }

    /// Intervals over teacher seeds: element s of each array contains the per-sample values of
    /// the teacher trained with seed s.
    public static func overTeacherSeeds(
        derivedAverages: [Sample], derivedVariances: [Sample], level: Double = 0.95
    ) throws -> Discriminability {
        guard derivedAverages.count == derivedVariances.count else {
            throw StatisticsError.unequalPairCounts(first: derivedAverages.count, second: derivedVariances.count)
        }
        guard derivedAverages.count >= 2 else {
            throw StatisticsError.tooFewValues(
                statistic: "an interval over teacher seeds (seeds)", required: 2, actual: derivedAverages.count)
        }
        let seedAverages = try Sample(derivedAverages.map(\.mean))
        let seedVariances = try Sample(derivedVariances.map(\.mean))
        return Discriminability(
            derivedAverage: try seedAverages.meanInterval(level: level),
            derivedVariance: try seedVariances.meanInterval(level: level))
    }
}
