import Statistics
import Testing

// Reference: section "bootstrap with SplitMix64, seed 42, 2000 resamples" of
// ReferenceScripts/reference_values.py. The script replays our SplitMix64 stream to draw the
// same resamples, then hands the replicates to scipy.stats.bootstrap (n_resamples=0,
// bootstrap_result=...) so SciPy's own percentile and BCa code computes the interval.
// Both sides sum left to right: resample means that tie the estimate up to rounding would
// otherwise shift BCa's bias correction. Tolerance 1e-9 absolute.

private let bootstrapSample = [
    76.20, 75.80, 75.89, 75.85, 76.15, 75.10, 75.62, 75.31, 75.48, 76.90, 75.05, 75.70,
]

private func mean(_ values: [Double]) -> Double {
    values.reduce(0, +) / Double(values.count)
}

private func standardDeviation(_ values: [Double]) -> Double {
    let center = mean(values)
    let sumOfSquares = values.reduce(0) { $0 + ($1 - center) * ($1 - center) }
    return (sumOfSquares / Double(values.count - 1)).squareRoot()
}

@Test func bootstrapReplicatesMatchPythonReplay() throws {
    let bootstrap = try Bootstrap(resampleCount: 2000, seed: 42)
    let sample = try Sample(bootstrapSample)
    let means = bootstrap.replicates(of: sample, statistic: mean)
    #expect(isClose(means[0], 75.81416666666667, tolerance: 1e-9))
    #expect(isClose(means[1999], 75.78416666666668, tolerance: 1e-9))
    let deviations = bootstrap.replicates(of: sample, statistic: standardDeviation)
    #expect(isClose(deviations[0], 0.5245163717582388, tolerance: 1e-9))
    #expect(isClose(deviations[1999], 0.539519286593225, tolerance: 1e-9))
}

@Test func percentileIntervalMatchesSciPy() throws {
    let bootstrap = try Bootstrap(resampleCount: 2000, seed: 42)
    let sample = try Sample(bootstrapSample)
    let ofMean = try bootstrap.percentileInterval(of: sample, statistic: mean).interval
    #expect(isClose(ofMean.lower, 75.49329166666666, tolerance: 1e-9))
    #expect(isClose(ofMean.upper, 76.04168750000001, tolerance: 1e-9))
    let ofDeviation = try bootstrap.percentileInterval(of: sample, statistic: standardDeviation).interval
    #expect(isClose(ofDeviation.lower, 0.2703291797256522, tolerance: 1e-9))
    #expect(isClose(ofDeviation.upper, 0.6928020512455799, tolerance: 1e-9))
}

@Test func bcaIntervalMatchesSciPy() throws {
    let bootstrap = try Bootstrap(resampleCount: 2000, seed: 42)
    let sample = try Sample(bootstrapSample)
    let ofMean = try bootstrap.bcaInterval(of: sample, statistic: mean)
    #expect(isClose(ofMean.value, mean(bootstrapSample), tolerance: 1e-12))
    #expect(isClose(ofMean.interval.lower, 75.52083333333333, tolerance: 1e-9))
    #expect(isClose(ofMean.interval.upper, 76.06796429409627, tolerance: 1e-9))
    let ofDeviation = try bootstrap.bcaInterval(of: sample, statistic: standardDeviation).interval
    #expect(isClose(ofDeviation.lower, 0.3306099169473177, tolerance: 1e-9))
    #expect(isClose(ofDeviation.upper, 0.7650760468494935, tolerance: 1e-9))
}

@Test func bootstrapSeedDeterminesInterval() throws {
    let sample = try Sample(bootstrapSample)
    let first = try Bootstrap(resampleCount: 500, seed: 7).bcaInterval(of: sample, statistic: mean)
    let again = try Bootstrap(resampleCount: 500, seed: 7).bcaInterval(of: sample, statistic: mean)
    let otherSeed = try Bootstrap(resampleCount: 500, seed: 8).bcaInterval(of: sample, statistic: mean)
    #expect(first == again)
    #expect(first.interval != otherSeed.interval)
}

@Test func bcaRejectsConstantSample() throws {
    let bootstrap = try Bootstrap(resampleCount: 100, seed: 1)
    #expect(throws: StatisticsError.self) {
        try bootstrap.bcaInterval(of: Sample([2, 2, 2, 2]), statistic: mean)
    }
}

@Test func bootstrapRejectsTooFewResamples() {
    #expect(throws: StatisticsError.self) {
        try Bootstrap(resampleCount: 1, seed: 1)
    }
}
