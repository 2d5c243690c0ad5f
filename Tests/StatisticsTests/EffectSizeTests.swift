import Statistics
import Testing

// Reference: section "effect sizes" of ReferenceScripts/reference_values.py. Cohen's d and
// d_z by their NumPy formulas; the probability of superiority as
// scipy.stats.mannwhitneyu(a, b).statistic / (n_a * n_b). Tolerance 1e-9 absolute.

@Test func cohensDMatchesNumPyFormula() throws {
    let d = try EffectSize.cohensD(Sample(fiveRuns), Sample(otherRuns))
    #expect(isClose(d, 2.5594102907646836, tolerance: 1e-9))
}

@Test func pairedDMatchesNumPyFormula() throws {
    let d = try EffectSize.pairedD(Sample(fiveRuns), Sample(pairedRuns))
    #expect(isClose(d, 2.693694035765716, tolerance: 1e-9))
}

@Test func probabilityOfSuperiorityMatchesMannWhitney() throws {
    #expect(EffectSize.probabilityOfSuperiority(try Sample(fiveRuns), try Sample(otherRuns)) == 1)
    let withTies = EffectSize.probabilityOfSuperiority(try Sample([1, 2, 3, 4]), try Sample([2, 2, 0.5]))
    #expect(isClose(withTies, 0.75, tolerance: 1e-15))
}

@Test func cohensDRejectsZeroSpread() throws {
    #expect(throws: StatisticsError.zeroSpread(statistic: "Cohen's d")) {
        try EffectSize.cohensD(Sample([1, 1]), Sample([2, 2]))
    }
}
