import Statistics
import Testing

// Reference: sections "intervals of the five runs" and "std claim of the five runs against
// 0.5 and 0.1" of ReferenceScripts/reference_values.py (chi-square interval from
// scipy.stats.chi2.ppf, a linear search over n for the run count, and the binomial sd at
// the mean accuracy on 10000 images). Tolerance 1e-9 absolute.

@Test func stdClaimOfFiveRunsAgainstHalfPercent() throws {
    let check = try StdClaim(Sample(fiveRuns), claim: 0.5, testSetSize: 10_000)
    #expect(check.count == 5)
    #expect(isClose(check.mean, 75.978, tolerance: 1e-12))
    #expect(isClose(check.standardDeviation.value, 0.18349386910739388, tolerance: 1e-12))
    #expect(isClose(check.standardDeviation.interval.lower, 0.10993725781018206, tolerance: 1e-9))
    #expect(isClose(check.standardDeviation.interval.upper, 0.527279841392363, tolerance: 1e-9))
    #expect(check.claimIsInside)
    #expect(check.runsToDistinguish == 6)
    #expect(isClose(check.binomialStandardDeviation ?? .nan, 0.42721698421294074, tolerance: 1e-9))
    #expect(isClose(check.binomialVarianceShare ?? .nan, 5.4206816632014405, tolerance: 1e-9))
}

@Test func stdClaimBelowEstimateNeedsFewerRuns() throws {
    let check = try StdClaim(Sample(fiveRuns), claim: 0.1)
    #expect(!check.claimIsInside)
    #expect(check.runsToDistinguish == 4)
    #expect(check.binomialStandardDeviation == nil)
    #expect(check.binomialVarianceShare == nil)
}

@Test func stdClaimWithFractionsScalesBinomialSD() throws {
    let fractions = fiveRuns.map { $0 / 100 }
    let check = try StdClaim(Sample(fractions), claim: 0.005, testSetSize: 10_000, accuracyScale: 1)
    #expect(isClose(check.binomialStandardDeviation ?? .nan, 0.0042721698421294074, tolerance: 1e-11))
    #expect(check.runsToDistinguish == 6)
}

@Test(arguments: [0.0, -0.5, Double.nan, Double.infinity])
func stdClaimRejectsInvalidClaim(claim: Double) throws {
    let sample = try Sample(fiveRuns)
    #expect(throws: StatisticsError.self) {
        try StdClaim(sample, claim: claim)
    }
}

@Test func stdClaimRejectsOneRun() throws {
    #expect(throws: StatisticsError.tooFewValues(statistic: "a standard deviation", required: 2, actual: 1)) {
        try StdClaim(Sample([76.2]), claim: 0.5)
    }
}

@Test func stdClaimRejectsAccuracyAboveScale() throws {
    #expect(throws: StatisticsError.self) {
        try StdClaim(Sample(fiveRuns), claim: 0.5, testSetSize: 10_000, accuracyScale: 1)
    }
}
