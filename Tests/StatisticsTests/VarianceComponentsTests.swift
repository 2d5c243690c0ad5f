import Statistics
import Testing

// Reference: section "variance components, 3 x 3 x 3 crossed seeds" of
// ReferenceScripts/reference_values.py: statsmodels anova_lm(typ=1) of
// y ~ C(init) + C(order) + C(augment), and shares from (MS - MS_residual) / 9 by formula.
// Tolerance 1e-9 absolute (1e-20 for the tiny init p-value).

private let crossedValues = [
    75.503, 75.464, 75.252, 75.409, 75.609, 75.441, 75.76, 75.78, 75.832, 75.706, 75.934,
    75.567, 75.703, 75.854, 75.86, 75.619, 75.616, 75.905, 73.849, 74.176, 74.03, 74.139,
    74.141, 74.22, 74.104, 74.307, 74.041,
]

/// Run r has init seed r / 9, order seed (r / 3) % 3 and augment seed r % 3, as the script
/// lays them out.
private let crossedLevels: [[String]] = (0..<27).map { run in
    ["i\(run / 9)", "o\((run / 3) % 3)", "a\(run % 3)"]
}

@Test func varianceComponentsMatchStatsmodelsAnova() throws {
    let decomposition = try VarianceComponents(
        sourceNames: ["init", "order", "augment"], levels: crossedLevels, values: Sample(crossedValues))
    let expected: [(sumOfSquares: Double, f: Double, p: Double, share: Double)] = [
        (14.475062740740793, 356.0906234294554, 2.312671478076483e-16, 0.9680114573702792),
        (0.12392807407406338, 3.0486655531543847, 0.06987776407757501, 0.005584860869093737),
        (0.06851651851851465, 1.6855256679340016, 0.21062865910262762, 0.0018688094167976853),
    ]
    #expect(decomposition.sources.map(\.name) == ["init", "order", "augment"])
    for (source, reference) in zip(decomposition.sources, expected) {
        #expect(source.degreesOfFreedom == 2)
        #expect(isClose(source.sumOfSquares, reference.sumOfSquares, tolerance: 1e-9))
        #expect(isClose(source.fStatistic, reference.f, tolerance: 1e-7))
        #expect(isClose(source.share, reference.share, tolerance: 1e-9))
    }
    #expect(isClose(decomposition.sources[0].pValue, 2.312671478076483e-16, tolerance: 1e-20))
    #expect(isClose(decomposition.sources[1].pValue, 0.06987776407757501, tolerance: 1e-9))
    #expect(isClose(decomposition.sources[2].pValue, 0.21062865910262762, tolerance: 1e-9))
    #expect(decomposition.residualDegreesOfFreedom == 20)
    #expect(isClose(decomposition.residualSumOfSquares, 0.40649940740740753, tolerance: 1e-9))
    #expect(isClose(decomposition.residualShare, 0.024534872343829478, tolerance: 1e-9))
}

@Test func varianceComponentsRejectMissingCombination() throws {
    let values = try Sample(Array(crossedValues.dropLast()))
    #expect(throws: StatisticsError.self) {
        try VarianceComponents(
            sourceNames: ["init", "order", "augment"], levels: Array(crossedLevels.dropLast()), values: values)
    }
}

@Test func varianceComponentsRejectSaturatedDesign() throws {
    // Two sources of 2 levels and one run per cell leave 4 - 1 - 2 = 1 residual degree of
    // freedom; a 2 x 2 design with one source more leaves none.
    let levels = [["a", "x", "p"], ["a", "y", "q"], ["b", "x", "q"], ["b", "y", "p"]]
    #expect(throws: StatisticsError.self) {
        try VarianceComponents(sourceNames: ["init", "order", "augment"], levels: levels, values: Sample([1, 2, 3, 5]))
    }
}
