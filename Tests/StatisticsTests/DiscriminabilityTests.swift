import Statistics
import Testing

// Reference: section "discriminability" of ReferenceScripts/reference_values.py
// (scipy.stats.t.interval with scipy.stats.sem). Tolerance 1e-12 absolute, because the
// values are near 0.01.

private let derivedAverages = [0.0081, 0.0094, 0.0077, 0.0102, 0.0088, 0.0079]
private let derivedVariances = [0.021, 0.034, 0.018, 0.040, 0.027, 0.022]

@Test func discriminabilityOverSamplesMatchesSciPy() throws {
    let result = try Discriminability.overSamples(
        derivedAverages: Sample(derivedAverages), derivedVariances: Sample(derivedVariances))
    #expect(isClose(result.derivedAverage.interval.lower, 0.007660649462767457, tolerance: 1e-12))
    #expect(isClose(result.derivedAverage.interval.upper, 0.009706017203899213, tolerance: 1e-12))
    #expect(isClose(result.derivedVariance.interval.lower, 0.018095243311328467, tolerance: 1e-12))
    #expect(isClose(result.derivedVariance.interval.upper, 0.03590475668867153, tolerance: 1e-12))
}

@Test func discriminabilityOverSeedsAveragesEachSeedFirst() throws {
    // Seed 1 saw samples 0-2, seed 2 samples 3-4, seed 3 sample 5.
    let averages = try [Array(derivedAverages[0..<3]), Array(derivedAverages[3..<5]), [derivedAverages[5]]].map(Sample.init)
    let variances = try [Array(derivedVariances[0..<3]), Array(derivedVariances[3..<5]), [derivedVariances[5]]].map(Sample.init)
    let result = try Discriminability.overTeacherSeeds(derivedAverages: averages, derivedVariances: variances)
    #expect(result.derivedAverage.count == 3)
    #expect(isClose(result.derivedAverage.interval.lower, 0.006566645649541153, tolerance: 1e-12))
    #expect(isClose(result.derivedAverage.interval.upper, 0.010633354350458847, tolerance: 1e-12))
}

@Test func discriminabilityRejectsOneSeed() throws {
    #expect(throws: StatisticsError.self) {
        try Discriminability.overTeacherSeeds(
            derivedAverages: [Sample(derivedAverages)], derivedVariances: [Sample(derivedVariances)])
    }
}
