/// The share of run-to-run variance due to each seed stream (such as `init`, `order` and
/// `augment`), from runs that vary the streams' seeds separately in a complete, balanced
/// crossed design: every combination of seeds appears equally often.
///
/// The model is additive, y = mu + a_init + b_order + c_augment + e, with random effects.
/// Each source gets its main-effect sum of squares, a mean square and an F test against the
/// residual mean square (GSL's F distribution). The residual contains the interactions and
/// the replicate noise. Variance components follow from the expected mean squares of a
/// balanced design, sigma^2_source = (MS_source - MS_residual) / (N / levels), set to 0
/// when negative; each share is a component over the sum of all components.
public struct VarianceComponents: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        public let name: String
        public let levelCount: Int
        public let sumOfSquares: Double
        public let degreesOfFreedom: Double
        public let meanSquare: Double
        /// MS_source / MS_residual.
        public let fStatistic: Double
        public let pValue: Double
        public let varianceComponent: Double
        public let share: Double
    }

    public let sources: [Source]
    public let residualSumOfSquares: Double
    public let residualDegreesOfFreedom: Double
    public let residualMeanSquare: Double
    /// The residual variance as a share of the total.
    public let residualShare: Double

    /// Decomposes `values`, where `levels[r][f]` names the level (such as the seed) of
    /// source `sourceNames[f]` in run r.
    public init(sourceNames: [String], levels: [[String]], values: Sample) throws {
        guard !sourceNames.isEmpty else {
            throw StatisticsError.unbalancedDesign(reason: "no sources of variance were named")
        }
        guard levels.count == values.count else {
            throw StatisticsError.unequalPairCounts(first: levels.count, second: values.count)
        }
        if let run = levels.firstIndex(where: { $0.count != sourceNames.count }) {
            throw StatisticsError.unbalancedDesign(
                reason: "run \(run + 1) has \(levels[run].count) levels for \(sourceNames.count) sources")
        }
        let design = try CrossedDesign(levels: levels, sourceCount: sourceNames.count)

        let gsl = GSL.shared
        let n = Double(values.count)
        let grandMean = values.mean
        let totalSumOfSquares = values.values.reduce(0) { $0 + ($1 - grandMean).squared }

        var effects: [(sumOfSquares: Double, degreesOfFreedom: Double)] = []
        for source in sourceNames.indices {
            let levelCount = design.levelCounts[source]
            var sums = [Double](repeating: 0, count: levelCount)
            for (run, value) in values.values.enumerated() {
                sums[design.levelIndices[run][source]] += value
            }
            let runsPerLevel = n / Double(levelCount)
            let sumOfSquares = sums.reduce(0) { $0 + runsPerLevel * ($1 / runsPerLevel - grandMean).squared }
            effects.append((sumOfSquares, Double(levelCount - 1)))
        }

        let residualDegreesOfFreedom = n - 1 - effects.reduce(0) { $0 + $1.degreesOfFreedom }
        guard residualDegreesOfFreedom >= 1 else {
            throw StatisticsError.unbalancedDesign(
                reason: "\(values.count) runs leave no residual degrees of freedom; add replicates or levels")
        }
        let residualSumOfSquares = max(0, totalSumOfSquares - effects.reduce(0) { $0 + $1.sumOfSquares })
        let residualMeanSquare = residualSumOfSquares / residualDegreesOfFreedom
        guard residualMeanSquare > 0 else {
            throw StatisticsError.zeroSpread(statistic: "the residual mean square of the F tests")
        }

        let components = zip(effects, design.levelCounts).map { effect, levelCount in
            max(0, (effect.sumOfSquares / effect.degreesOfFreedom - residualMeanSquare) / (n / Double(levelCount)))
        }
        let totalVariance = components.reduce(residualMeanSquare, +)

        var sources: [Source] = []
        for (index, name) in sourceNames.enumerated() {
            let (sumOfSquares, df) = effects[index]
            let meanSquare = sumOfSquares / df
            let f = meanSquare / residualMeanSquare
            sources.append(Source(
                name: name, levelCount: design.levelCounts[index], sumOfSquares: sumOfSquares,
                degreesOfFreedom: df, meanSquare: meanSquare, fStatistic: f,
                pValue: try gsl.fUpperTail(f, numeratorDegreesOfFreedom: df,
                                           denominatorDegreesOfFreedom: residualDegreesOfFreedom),
                varianceComponent: components[index], share: components[index] / totalVariance))
        }
        self.sources = sources
        self.residualSumOfSquares = residualSumOfSquares
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
        self.residualMeanSquare = residualMeanSquare
        residualShare = residualMeanSquare / totalVariance
    }
}

/// The level of every run for every source, as indices, after checking that each
/// combination of levels occurs equally often.
private struct CrossedDesign {
    let levelCounts: [Int]
    /// `levelIndices[run][source]`, numbered in order of first appearance.
    let levelIndices: [[Int]]

    init(levels: [[String]], sourceCount: Int) throws {
        var names = [[String]](repeating: [], count: sourceCount)
        var indices: [[Int]] = []
        for run in levels {
            var runIndices: [Int] = []
            for (source, level) in run.enumerated() {
                if let known = names[source].firstIndex(of: level) {
                    runIndices.append(known)
                } else {
                    names[source].append(level)
                    runIndices.append(names[source].count - 1)
                }
            }
            indices.append(runIndices)
        }
        if let source = names.firstIndex(where: { $0.count < 2 }) {
            throw StatisticsError.unbalancedDesign(reason: "source \(source + 1) has fewer than 2 levels")
        }

        // Count runs per cell; a complete balanced design has the same count in every cell.
        let counts = names.map(\.count)
        var cellCounts = [Int](repeating: 0, count: counts.reduce(1, *))
        for runIndices in indices {
            var cell = 0
            for (source, index) in runIndices.enumerated() {
                cell = cell * counts[source] + index
            }
            cellCounts[cell] += 1
        }
        let expected = max(1, levels.count / cellCounts.count)
        if let cell = cellCounts.firstIndex(where: { $0 != expected }) {
            throw StatisticsError.unbalancedDesign(
                reason: "combination \(cell + 1) of \(cellCounts.count) levels has \(cellCounts[cell]) runs, expected \(expected)")
        }
        levelCounts = counts
        levelIndices = indices
    }
}
