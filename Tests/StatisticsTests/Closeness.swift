import Statistics

/// Returns whether `actual` lies within `tolerance` (absolute) of `expected`.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance
}

/// Five published final accuracies (percent) of one configuration, the running example.
let fiveRuns = [76.20, 75.80, 75.89, 75.85, 76.15]
/// A second configuration's runs, unpaired with `fiveRuns`.
let otherRuns = [75.10, 75.62, 75.31, 75.48, 75.05, 75.70]
/// Runs paired with `fiveRuns` seed by seed.
let pairedRuns = [75.92, 75.70, 75.60, 75.61, 75.98]
