import CGSL

/// The module's only door to the GNU Scientific Library: distribution functions, sorting and
/// sample quantiles.
///
/// GSL's default error handler aborts the process. The shared instance switches it off once,
/// so a failing routine returns its error value instead: NaN for the distribution functions
/// used here. `check` turns that value into `StatisticsError.gslFailure`.
final class GSL: Sendable {
    static let shared = GSL()

    private init() {
        gsl_set_error_handler_off()
    }

    // MARK: Student's t

    /// P(T <= t) for `df` degrees of freedom.
    func tCDF(_ t: Double, degreesOfFreedom df: Double) throws -> Double {
        try check(gsl_cdf_tdist_P(t, df), "gsl_cdf_tdist_P", [t, df])
    }

    /// P(T > t) for `df` degrees of freedom, accurate far in the upper tail.
    func tUpperTail(_ t: Double, degreesOfFreedom df: Double) throws -> Double {
        try check(gsl_cdf_tdist_Q(t, df), "gsl_cdf_tdist_Q", [t, df])
    }

    /// The t value below which probability `p` lies.
    func tQuantile(_ p: Double, degreesOfFreedom df: Double) throws -> Double {
        try check(gsl_cdf_tdist_Pinv(p, df), "gsl_cdf_tdist_Pinv", [p, df])
    }

    // MARK: Chi-square, F and the standard normal

    /// The chi-square value below which probability `p` lies.
    func chiSquaredQuantile(_ p: Double, degreesOfFreedom df: Double) throws -> Double {
        try check(gsl_cdf_chisq_Pinv(p, df), "gsl_cdf_chisq_Pinv", [p, df])
    }

    /// P(F > f) for an F distribution with `df1` and `df2` degrees of freedom.
    func fUpperTail(_ f: Double, numeratorDegreesOfFreedom df1: Double,
                    denominatorDegreesOfFreedom df2: Double) throws -> Double {
        try check(gsl_cdf_fdist_Q(f, df1, df2), "gsl_cdf_fdist_Q", [f, df1, df2])
    }

    /// P(Z <= z) for a standard normal Z.
    func normalCDF(_ z: Double) throws -> Double {
        try check(gsl_cdf_ugaussian_P(z), "gsl_cdf_ugaussian_P", [z])
    }

    /// P(Z > z) for a standard normal Z, accurate far in the upper tail.
    func normalUpperTail(_ z: Double) throws -> Double {
        try check(gsl_cdf_ugaussian_Q(z), "gsl_cdf_ugaussian_Q", [z])
    }

    /// The standard normal value below which probability `p` lies.
    func normalQuantile(_ p: Double) throws -> Double {
        try check(gsl_cdf_ugaussian_Pinv(p), "gsl_cdf_ugaussian_Pinv", [p])
    }

    // MARK: Samples

    /// The arithmetic mean of a non-empty array.
    func mean(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the mean of no values is undefined")
        return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// The sample standard deviation (divisor n - 1) of at least two values.
    func standardDeviation(_ values: [Double]) -> Double {
        precondition(values.count >= 2, "a sample standard deviation needs two values")
        return values.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// The values in ascending order.
    func sorted(_ values: [Double]) -> [Double] {
        var copy = values
        copy.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
        return copy
    }

    /// The `fraction` quantile of ascending `sortedValues` by linear interpolation between
    /// order statistics: R's type 7, NumPy's default "linear" method.
    func quantile(sortedValues: [Double], fraction: Double) -> Double {
        precondition(!sortedValues.isEmpty, "the quantile of no values is undefined")
        precondition((0...1).contains(fraction), "quantile fraction \(fraction) lies outside [0, 1]")
        return sortedValues.withUnsafeBufferPointer {
            gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, fraction)
        }
    }

    /// Returns `result`, or throws if GSL signalled failure through a NaN.
    private func check(_ result: Double, _ function: String, _ arguments: [Double]) throws -> Double {
        guard !result.isNaN else {
            throw StatisticsError.gslFailure(function: function, arguments: arguments)
        }
        return result
    }
}
