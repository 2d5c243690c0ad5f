import Statistics
import Testing

// Reference: section "describe five runs" of ReferenceScripts/reference_values.py
// (NumPy mean, std(ddof=1), median; scipy.stats.iqr; scipy.stats.trim_mean(x, 0.25)).
// Tolerance 1e-12 absolute: the same formulas in double precision.

@Test func descriptiveOfFiveRunsMatchesNumPy() throws {
    let summary = try Descriptive(Sample(fiveRuns))
    #expect(summary.count == 5)
    #expect(isClose(summary.mean, 75.978, tolerance: 1e-12))
    #expect(isClose(summary.standardDeviation, 0.18349386910739388, tolerance: 1e-12))
    #expect(isClose(summary.median, 75.89, tolerance: 1e-12))
    #expect(isClose(summary.interquartileRange, 0.30000000000001137, tolerance: 1e-12))
    #expect(isClose(summary.interquartileMean, 75.96333333333334, tolerance: 1e-12))
    #expect(summary.minimum == 75.8)
    #expect(summary.maximum == 76.2)
}

@Test func descriptiveOfNineValuesMatchesNumPy() throws {
    let summary = try Descriptive(Sample([3.1, 2.4, 5.6, 4.4, 3.9, 7.2, 1.8, 4.1, 3.3]))
    #expect(isClose(summary.mean, 3.9777777777777774, tolerance: 1e-12))
    #expect(isClose(summary.standardDeviation, 1.6460390166835186, tolerance: 1e-12))
    #expect(isClose(summary.median, 3.9, tolerance: 1e-12))
    #expect(isClose(summary.interquartileRange, 1.3000000000000003, tolerance: 1e-12))
    #expect(isClose(summary.interquartileMean, 3.7600000000000002, tolerance: 1e-12))
    #expect(summary.minimum == 1.8)
    #expect(summary.maximum == 7.2)
}

@Test func descriptiveRejectsOneValue() throws {
    #expect(throws: StatisticsError.tooFewValues(
        statistic: "a description with a standard deviation", required: 2, actual: 1)) {
        try Descriptive(Sample([76.2]))
    }
}

@Test func sampleRejectsNaNAndInfinity() {
    #expect(throws: StatisticsError.nonFiniteValue(index: 1, value: .infinity)) {
        try Sample([1, .infinity, 3])
    }
    #expect(throws: StatisticsError.self) {
        try Sample([1, 2, .nan])
    }
    #expect(throws: StatisticsError.tooFewValues(statistic: "a sample", required: 1, actual: 0)) {
        try Sample([])
    }
}

@Test func errorDescriptionNamesTheValue() {
    let error = StatisticsError.nonFiniteValue(index: 2, value: .nan)
    #expect(error.description == "value 3 is nan; every value must be a finite number")
}
