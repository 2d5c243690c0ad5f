import Foundation

/// How discriminative a teacher's wrong-class probabilities are at a temperature.
///
/// For each sample, take the `L - 1` entries of the (TS or ATS) soft labels `q` other than
/// the label: the derived average `e(q)` is their mean, `(1 - q_y) / (L - 1)`, and the derived
/// sigma `sigma(q)` their population standard deviation (ddof 0). A larger sigma means the
/// teacher distinguishes the wrong classes more clearly.
public struct ClassDiscriminability: Sendable {
    /// Per-sample `e(q)`.
    public let derivedAverages: [Double]
    /// Per-sample `sigma(q)`.
    public let derivedSigmas: [Double]
    /// Per-sample `q_y`, the probability of the labelled class.
    public let trueClassProbabilities: [Double]

    /// Measures logits `[N, L]` with labels under temperatures `trueTau` (labelled class) and
    /// `wrongTau` (others); TS is `trueTau == wrongTau`.
    public init(logits: Tensor, labels: [Int], trueTau: Double, wrongTau: Double) {
        precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                     "discriminability: logits \(logits.shape) do not match \(labels.count) labels")
        let classes = logits.shape[1]
        precondition(classes >= 2, "discriminability needs at least 2 classes")
        var averages: [Double] = [], sigmas: [Double] = [], trueProbabilities: [Double] = []
        for (row, label) in labels.enumerated() {
            let targets = SoftTargets.row(logits, row: row, label: label, trueTau: trueTau, wrongTau: wrongTau)
            var wrong: [Double] = []
            wrong.reserveCapacity(classes - 1)
            for index in 0..<classes where index != label {
                wrong.append(targets[index])
            }
            let mean = wrong.reduce(0, +) / Double(wrong.count)
            let variance = wrong.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(wrong.count)
            averages.append(mean)
            sigmas.append(variance.squareRoot())
            trueProbabilities.append(targets[label])
        }
        derivedAverages = averages
        derivedSigmas = sigmas
        trueClassProbabilities = trueProbabilities
    }

    /// `e(q)` averaged over samples.
    public var meanDerivedAverage: Double { mean(derivedAverages) }
    /// `sigma(q)` averaged over samples.
    public var meanDerivedSigma: Double { mean(derivedSigmas) }
    /// `q_y` averaged over samples.
    public var meanTrueClassProbability: Double { mean(trueClassProbabilities) }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
