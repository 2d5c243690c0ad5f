import Statistics
import Testing

// Reference: SciPy 1.17.1 on `fiveRuns` and `otherRuns`, pooled with 9 degrees of freedom:
//   s = sqrt(sum((n_i - 1) * var(g_i, ddof=1)) / (N - k)),
//   interval s * sqrt(df / chi2.ppf(0.975 and 0.025, df)), a linear search over n for the
//   single-sample run count (8), and the binomial sd at the mean of all 11 values on
//   10000 images. Tolerance 1e-9 absolute.

@Test func pooledStdClaimOfTwoGroups() throws {
    let check = try StdClaim(pooling: [Sample(fiveRuns), Sample(otherRuns)], claim: 0.5, testSetSize: 10_000)
    #expect(check.count == 11)
    #expect(isClose(check.mean, 75.65, tolerance: 1e-9))
    #expect(isClose(check.standardDeviation.value, 0.2349499552702302, tolerance: 1e-12))
    #expect(isClose(check.standardDeviation.interval.lower, 0.161606851058967, tolerance: 1e-9))
    #expect(isClose(check.standardDeviation.interval.upper, 0.42892703072385063, tolerance: 1e-9))
    #expect(!check.claimIsInside)
    // 8 runs in one group give 7 degrees of freedom; two groups need 7 + 2 runs.
    #expect(check.runsToDistinguish == 9)
    #expect(isClose(check.binomialStandardDeviation ?? .nan, 0.42919430331727376, tolerance: 1e-9))
    #expect(isClose(check.binomialVarianceShare ?? .nan, 3.3370073602425103, tolerance: 1e-9))
}

@Test func pooledStdClaimOfOneGroupEqualsPlainClaim() throws {
    let pooled = try StdClaim(pooling: [Sample(fiveRuns)], claim: 0.5, testSetSize: 10_000)
    let plain = try StdClaim(Sample(fiveRuns), claim: 0.5, testSetSize: 10_000)
    #expect(pooled == plain)
}

@Test func pooledStdClaimRejectsGroupOfOne() throws {
    #expect(throws: StatisticsError.self) {
        try StdClaim(pooling: [Sample(fiveRuns), Sample([75.1])], claim: 0.5)
    }
}
