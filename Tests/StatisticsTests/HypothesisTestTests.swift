import Statistics
import Testing

// Reference: sections "t tests", "Wilcoxon signed-rank", "Brown-Forsythe" and "Holm" of
// ReferenceScripts/reference_values.py (scipy.stats.ttest_1samp, ttest_ind(equal_var=False),
// ttest_rel, wilcoxon, levene(center="median"); statsmodels multipletests(method="holm")).
// Tolerance 1e-9 absolute unless stated.

@Test func oneSampleTestAgainstPublishedValueMatchesSciPy() throws {
    let sample = try Sample(fiveRuns)
    let result = try TTest.oneSample(sample, reference: 76.32)
    #expect(isClose(result.statistic, -4.16763378539556, tolerance: 1e-9))
    #expect(result.degreesOfFreedom == 4)
    #expect(isClose(result.pValue, 0.014058061128337728, tolerance: 1e-9))

    let less = try TTest.oneSample(sample, reference: 76.32, alternative: .less)
    #expect(isClose(less.pValue, 0.007029030564168864, tolerance: 1e-9))
    let greater = try TTest.oneSample(sample, reference: 76.32, alternative: .greater)
    #expect(isClose(greater.pValue, 0.9929709694358312, tolerance: 1e-9))
}

@Test func welchTestMatchesSciPy() throws {
    let result = try TTest.welch(Sample(fiveRuns), Sample(otherRuns))
    #expect(isClose(result.statistic, 4.385078037863556, tolerance: 1e-9))
    #expect(isClose(result.degreesOfFreedom, 8.736181960211498, tolerance: 1e-9))
    #expect(isClose(result.pValue, 0.001888168258793225, tolerance: 1e-9))
    #expect(isClose(result.estimate.interval.lower, 0.28968591538871274, tolerance: 1e-9))
    #expect(isClose(result.estimate.interval.upper, 0.9129807512779458, tolerance: 1e-9))
}

@Test func pairedTestMatchesSciPy() throws {
    let result = try TTest.paired(Sample(fiveRuns), Sample(pairedRuns))
    #expect(isClose(result.statistic, 6.023282974557891, tolerance: 1e-9))
    #expect(isClose(result.pValue, 0.003827795474151133, tolerance: 1e-9))
    #expect(isClose(result.estimate.interval.lower, 0.11643434033302356, tolerance: 1e-9))
    #expect(isClose(result.estimate.interval.upper, 0.31556565966697575, tolerance: 1e-9))
}

@Test func pairedTestRejectsUnequalSizes() throws {
    #expect(throws: StatisticsError.unequalPairCounts(first: 5, second: 6)) {
        try TTest.paired(Sample(fiveRuns), Sample(otherRuns))
    }
}

@Test func tTestRejectsIdenticalValues() throws {
    #expect(throws: StatisticsError.zeroSpread(statistic: "the one-sample t statistic")) {
        try TTest.oneSample(Sample([76, 76, 76]), reference: 75)
    }
}

@Test func wilcoxonExactMatchesSciPy() throws {
    let differences = try Sample([0.8, -0.3, 1.2, 0.5, 1.9, -0.1, 0.7, 2.2, 1.4, 0.9])
    let twoSided = try WilcoxonSignedRank.test(differences: differences)
    #expect(twoSided.method == .exact)
    #expect(twoSided.negativeRankSum == 3)
    #expect(twoSided.positiveRankSum == 52)
    #expect(isClose(twoSided.pValue, 0.009765625, tolerance: 1e-15))

    let less = try WilcoxonSignedRank.test(differences: differences, alternative: .less)
    #expect(isClose(less.pValue, 0.9970703125, tolerance: 1e-15))
    let greater = try WilcoxonSignedRank.test(differences: differences, alternative: .greater)
    #expect(isClose(greater.pValue, 0.0048828125, tolerance: 1e-15))
}

@Test func wilcoxonWithTiesIsExactAsSciPyPermutation() throws {
    // Zeros are dropped and the tied absolute values share ranks. SciPy's method="auto"
    // enumerates all 2^9 sign patterns here ("tiedAuto" lines of the reference output).
    let differences = try Sample([1, 2, -2, 3, 3, 3, -1, 4, 0, 5])
    let result = try WilcoxonSignedRank.test(differences: differences)
    #expect(result.method == .exact)
    #expect(result.count == 9)
    #expect(min(result.positiveRankSum, result.negativeRankSum) == 5)
    #expect(isClose(result.pValue, 0.0390625, tolerance: 1e-15))
    let less = try WilcoxonSignedRank.test(differences: differences, alternative: .less)
    #expect(isClose(less.pValue, 0.98828125, tolerance: 1e-15))
    let greater = try WilcoxonSignedRank.test(differences: differences, alternative: .greater)
    #expect(isClose(greater.pValue, 0.01953125, tolerance: 1e-15))
}

@Test func wilcoxonWithSixteenTiedMatchesEnumeration() throws {
    // Brute force over all 2^16 sign patterns in the reference script ("tied16" lines).
    let differences = try Sample([0.5, -0.5, 1, 1, 1.5, -1.5, 2, 2, 2, 2.5, 3, -3, 3.5, 4, 4, 4.5])
    let twoSided = try WilcoxonSignedRank.test(differences: differences)
    #expect(twoSided.method == .exact)
    #expect(twoSided.positiveRankSum == 117.5)
    #expect(isClose(twoSided.pValue, 0.008209228515625, tolerance: 1e-15))
    let less = try WilcoxonSignedRank.test(differences: differences, alternative: .less)
    #expect(isClose(less.pValue, 0.9965057373046875, tolerance: 1e-15))
    let greater = try WilcoxonSignedRank.test(differences: differences, alternative: .greater)
    #expect(isClose(greater.pValue, 0.0041046142578125, tolerance: 1e-15))
}

@Test func wilcoxonAboveFiftyUsesNormalApproximation() throws {
    // scipy.stats.wilcoxon(method="asymptotic", correction=False), "tied60" lines.
    let differences = try Sample((0..<60).map { (index: Int) -> Double in
        Double(index % 7 + 1) * (index % 4 == 0 ? -1 : 1)
    })
    let result = try WilcoxonSignedRank.test(differences: differences)
    #expect(result.method == .normalApproximation)
    #expect(min(result.positiveRankSum, result.negativeRankSum) == 444)
    #expect(isClose(result.pValue, 0.0005090590148033811, tolerance: 1e-9))
}

@Test func wilcoxonPairedRunsMatchesSciPy() throws {
    let result = try WilcoxonSignedRank.paired(Sample(fiveRuns), Sample(pairedRuns))
    #expect(result.negativeRankSum == 0)
    #expect(isClose(result.pValue, 0.0625, tolerance: 1e-15))
}

@Test func wilcoxonRejectsAllZeroDifferences() throws {
    #expect(throws: StatisticsError.self) {
        try WilcoxonSignedRank.test(differences: Sample([0, 0, 0]))
    }
}

@Test func brownForsytheMatchesSciPyLevene() throws {
    let groups = try [Sample(fiveRuns), Sample(otherRuns), Sample([74.9, 76.4, 75.2, 76.8, 75.0])]
    let result = try BrownForsythe.test(groups)
    #expect(isClose(result.statistic, 2.4637059193703523, tolerance: 1e-9))
    #expect(result.numeratorDegreesOfFreedom == 2)
    #expect(result.denominatorDegreesOfFreedom == 13)
    #expect(isClose(result.pValue, 0.12381333435349966, tolerance: 1e-9))
}

@Test func brownForsytheRejectsOneGroup() throws {
    #expect(throws: StatisticsError.self) {
        try BrownForsythe.test([Sample(fiveRuns)])
    }
}

@Test func holmMatchesStatsmodels() throws {
    let adjusted = try Holm.adjust([0.01, 0.04, 0.03, 0.005, 0.2])
    let expected = [0.04, 0.09, 0.09, 0.025, 0.2]
    #expect(adjusted.count == expected.count)
    for (actual, reference) in zip(adjusted, expected) {
        #expect(isClose(actual, reference, tolerance: 1e-15))
    }
}

@Test func holmRejectsProbabilityAboveOne() {
    #expect(throws: StatisticsError.self) {
        try Holm.adjust([0.2, 1.5])
    }
}

@Test func wilcoxonExactCountsSumToPowerOfTwo() throws {
    // The exact p-value divides by 2^n; for n = 50 every count must still be exact.
    let differences = try Sample((1...50).map { Double($0) * ($0 % 3 == 0 ? -1 : 1) })
    let result = try WilcoxonSignedRank.test(differences: differences)
    #expect(result.method == .exact)
    #expect(result.positiveRankSum + result.negativeRankSum == 1275)
    #expect(result.pValue > 0)
    #expect(result.pValue <= 1)
}
