/// Seeded, reproducible bootstrap confidence intervals for any statistic of one sample.
///
/// Resample b draws n indices uniformly with replacement, in order, from one SplitMix64
/// stream seeded with `seed`, so the same seed, sample and resample count give the same
/// interval on every machine. Interval ends are quantiles of the replicates, interpolated
/// linearly (R's type 7), as `scipy.stats.bootstrap` computes them.
public struct Bootstrap: Sendable {
    public let resampleCount: Int
    public let seed: UInt64

    /// A statistic of a resample, such as the mean or the standard deviation.
    public typealias Statistic = ([Double]) -> Double

    public init(resampleCount: Int = 9_999, seed: UInt64) throws {
        guard resampleCount >= 2 else {
            throw StatisticsError.invalidArgument(
                name: "bootstrap resample count", value: Double(resampleCount), expected: "at least 2")
        }
        self.resampleCount = resampleCount
        self.seed = seed
    }

    /// Computes the statistic of every resample, in the order drawn.
    public func replicates(of sample: Sample, statistic: Statistic) -> [Double] {
        var generator = BootstrapGenerator(seed: seed)
        var resample = [Double](repeating: 0, count: sample.count)
        var result: [Double] = []
        result.reserveCapacity(resampleCount)
        for _ in 0..<resampleCount {
            for position in 0..<sample.count {
                resample[position] = sample.values[generator.nextIndex(below: sample.count)]
            }
            result.append(statistic(resample))
        }
        return result
    }

    /// Computes the percentile interval: the alpha/2 and 1 - alpha/2 quantiles of the replicates.
    public func percentileInterval(
        of sample: Sample, level: Double = 0.95, statistic: Statistic
    ) throws -> Estimate {
        try validateLevel(level)
        try sample.requireCount(2, for: "a bootstrap interval")
        let sorted = GSL.shared.sorted(replicates(of: sample, statistic: statistic))
        let tail = (1 - level) / 2
        return try estimate(of: sample, statistic: statistic, sortedReplicates: sorted,
                            lowerFraction: tail, upperFraction: 1 - tail, level: level)
    }

    /// Computes the bias-corrected and accelerated (BCa) interval as `scipy.stats.bootstrap`
    /// (SciPy 1.17) does. The bias correction z0 comes from the share of replicates below the
    /// estimate, ties counting half, and the acceleration a from the jackknife. BCa corrects
    /// the percentile interval for a skewed or biased statistic such as a standard deviation.
    public func bcaInterval(
        of sample: Sample, level: Double = 0.95, statistic: Statistic
    ) throws -> Estimate {
        try validateLevel(level)
        try sample.requireCount(2, for: "a bootstrap interval")
        let gsl = GSL.shared
        let sorted = gsl.sorted(replicates(of: sample, statistic: statistic))
        let estimate = statistic(sample.values)

        let below = sorted.reduce(0.0) { $0 + ($1 < estimate ? 1 : 0) + ($1 <= estimate ? 1 : 0) }
        let biasCorrection = try gsl.normalQuantile(below / (2 * Double(sorted.count)))
        let acceleration = try jackknifeAcceleration(of: sample, statistic: statistic)

        let zTail = try gsl.normalQuantile((1 - level) / 2)
        func adjustedFraction(_ z: Double) throws -> Double {
            let shifted = biasCorrection + z
            return try gsl.normalCDF(biasCorrection + shifted / (1 - acceleration * shifted))
        }
        let lowerFraction = try adjustedFraction(zTail)
        let upperFraction = try adjustedFraction(-zTail)
        guard lowerFraction.isFinite, upperFraction.isFinite else {
            throw StatisticsError.zeroSpread(statistic: "the BCa interval (degenerate bootstrap distribution)")
        }
        return try self.estimate(of: sample, statistic: statistic, sortedReplicates: sorted,
                                 lowerFraction: lowerFraction, upperFraction: upperFraction, level: level)
    }

    /// Computes the acceleration a = sum(U^3) / (6 * (sum(U^2))^1.5), where U_i = (n - 1) times the
    /// mean of the leave-one-out statistics minus the statistic without value i.
    private func jackknifeAcceleration(of sample: Sample, statistic: Statistic) throws -> Double {
        let n = sample.count
        var leaveOneOut: [Double] = []
        leaveOneOut.reserveCapacity(n)
        for left in 0..<n {
            var values = sample.values
            values.remove(at: left)
            leaveOneOut.append(statistic(values))
        }
        let jackknifeMean = GSL.shared.mean(leaveOneOut)
        let influences = leaveOneOut.map { Double(n - 1) * (jackknifeMean - $0) }
        let sumOfSquares = influences.reduce(0) { $0 + $1 * $1 }
        guard sumOfSquares > 0 else {
            throw StatisticsError.zeroSpread(statistic: "the BCa acceleration (all jackknife values equal)")
        }
        let sumOfCubes = influences.reduce(0) { $0 + $1 * $1 * $1 }
        return sumOfCubes / (6 * sumOfSquares * sumOfSquares.squareRoot())
    }

    private func estimate(
        of sample: Sample, statistic: Statistic, sortedReplicates: [Double],
        lowerFraction: Double, upperFraction: Double, level: Double
    ) throws -> Estimate {
        let gsl = GSL.shared
        let interval = ConfidenceInterval(
            lower: gsl.quantile(sortedValues: sortedReplicates, fraction: lowerFraction),
            upper: gsl.quantile(sortedValues: sortedReplicates, fraction: upperFraction),
            level: level)
        return Estimate(value: statistic(sample.values), interval: interval, count: sample.count)
    }
}
