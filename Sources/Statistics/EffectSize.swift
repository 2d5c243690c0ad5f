/// Standardised effect sizes of a difference between two groups.
public enum EffectSize {
    /// Cohen's d: (mean_a - mean_b) / s_pooled, where
    /// s_pooled^2 = ((n_a - 1) s_a^2 + (n_b - 1) s_b^2) / (n_a + n_b - 2).
    public static func cohensD(_ a: Sample, _ b: Sample) throws -> Double {
        let sumOfSquares = Double(a.count - 1) * (try a.standardDeviation()).squared
            + Double(b.count - 1) * (try b.standardDeviation()).squared
        let pooled = (sumOfSquares / Double(a.count + b.count - 2)).squareRoot()
        guard !(try Sample(a.values + b.values)).isNegligible(spread: pooled) else {
            throw StatisticsError.zeroSpread(statistic: "Cohen's d")
        }
        return (a.mean - b.mean) / pooled
    }

    /// The paired effect size d_z: the mean of the differences a_i - b_i over their
    /// standard deviation.
    public static func pairedD(_ a: Sample, _ b: Sample) throws -> Double {
        let differences = try pairedDifferences(a, b)
        let s = try differences.standardDeviation()
        guard !differences.isNegligible(spread: s) else {
            throw StatisticsError.zeroSpread(statistic: "the paired effect size")
        }
        return differences.mean / s
    }

    /// The probability that a value drawn from A exceeds one drawn from B, ties counting
    /// half: the Mann-Whitney U of A divided by n_a * n_b (the common-language effect size).
    public static func probabilityOfSuperiority(_ a: Sample, _ b: Sample) -> Double {
        var wins = 0.0
        for x in a.values {
            for y in b.values {
                if x > y {
                    wins += 1
                } else if x == y {
                    wins += 0.5
                }
            }
        }
        return wins / Double(a.count * b.count)
    }
}
