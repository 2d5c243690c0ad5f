import Statistics
import Testing

// Reference: sections "intervals of the five runs" and "Wilson intervals" of
// ReferenceScripts/reference_values.py (scipy.stats.t.interval; s * sqrt(df / chi2.ppf);
// scipy.stats.binomtest(k, n).proportion_ci(method="wilson")).
// Tolerance 1e-9 absolute: GSL's and SciPy's quantile routines agree to about 1e-12.

@Test func meanIntervalOfFiveRunsMatchesSciPy() throws {
    let sample = try Sample(fiveRuns)
    let interval95 = try sample.meanInterval(level: 0.95).interval
    #expect(isClose(interval95.lower, 75.75016226883822, tolerance: 1e-9))
    #expect(isClose(interval95.upper, 76.20583773116176, tolerance: 1e-9))

    let interval99 = try sample.meanInterval(level: 0.99).interval
    #expect(isClose(interval99.lower, 75.60018358735849, tolerance: 1e-9))
    #expect(isClose(interval99.upper, 76.3558164126415, tolerance: 1e-9))
}

@Test func standardDeviationIntervalMatchesSciPy() throws {
    let estimate = try Sample(fiveRuns).standardDeviationInterval(level: 0.95)
    #expect(isClose(estimate.value, 0.18349386910739388, tolerance: 1e-12))
    #expect(isClose(estimate.interval.lower, 0.10993725781018206, tolerance: 1e-9))
    #expect(isClose(estimate.interval.upper, 0.527279841392363, tolerance: 1e-9))
}

@Test(arguments: [
    (7620, 10000, 0.753553703096684, 0.7702450817570815),
    (3, 10, 0.10779126740630102, 0.6032218525388546),
    (0, 20, 0.0, 0.16112515805281935),
])
func wilsonIntervalMatchesSciPy(successes: Int, trials: Int, lower: Double, upper: Double) throws {
    let interval = try ConfidenceInterval.wilson(successes: successes, trials: trials, level: 0.95)
    #expect(isClose(interval.lower, lower, tolerance: 1e-9))
    #expect(isClose(interval.upper, upper, tolerance: 1e-9))
}

@Test func wilsonRejectsMoreSuccessesThanTrials() {
    #expect(throws: StatisticsError.self) {
        try ConfidenceInterval.wilson(successes: 11, trials: 10)
    }
    #expect(throws: StatisticsError.self) {
        try ConfidenceInterval.wilson(successes: 0, trials: 0)
    }
}

@Test(arguments: [0.0, 1.0, -0.5, 95.0])
func intervalsRejectInvalidLevel(level: Double) throws {
    let sample = try Sample(fiveRuns)
    #expect(throws: StatisticsError.invalidArgument(
        name: "confidence level", value: level, expected: "a number between 0 and 1, such as 0.95")) {
        try sample.meanInterval(level: level)
    }
}

@Test func intervalsRejectOneValue() throws {
    let sample = try Sample([76.2])
    #expect(throws: StatisticsError.tooFewValues(statistic: "a standard deviation", required: 2, actual: 1)) {
        try sample.standardDeviationInterval()
    }
}
