import Foundation

/// Teacher soft labels with asymmetric temperature scaling (ATS; Li et al., "Asymmetric
/// Temperature Scaling Makes Larger Networks Teach Well Again", NeurIPS 2022):
/// `q = softmax(t / tau_c)` with `tau_c = trueTau` for the labelled class and `wrongTau`
/// for every other class. Plain temperature scaling (TS) is the case `trueTau == wrongTau`.
///
/// Shapes: teacher logits `[N, L]`, labels `N` values in `0..<L`; result `[N, L]`, rows
/// summing to 1. Computed in double with the max shift.
public enum SoftTargets {
    public static func asymmetric(teacherLogits: Tensor, labels: [Int], trueTau: Double, wrongTau: Double) -> Tensor {
        precondition(teacherLogits.rank == 2 && teacherLogits.shape[0] == labels.count,
                     "soft targets: logits \(teacherLogits.shape) do not match \(labels.count) labels")
        let classes = teacherLogits.shape[1]
        var targets = Tensor(zeros: teacherLogits.shape)
        for (row, label) in labels.enumerated() {
            let probabilities = self.row(teacherLogits, row: row, label: label, trueTau: trueTau, wrongTau: wrongTau)
            for index in 0..<classes {
                targets.scalars[row * classes + index] = Float(probabilities[index])
            }
        }
        return targets
    }

    /// The soft labels of one row of `[N, L]` logits, in double.
    static func row(_ logits: Tensor, row: Int, label: Int, trueTau: Double, wrongTau: Double) -> [Double] {
        precondition(trueTau > 0 && wrongTau > 0, "temperatures must be positive")
        let classes = logits.shape[1]
        precondition((0..<classes).contains(label), "soft targets: label \(label) outside 0..<\(classes)")
        let scaled = (0..<classes).map { index in
            Double(logits.scalars[row * classes + index]) / (index == label ? trueTau : wrongTau)
        }
        return softmax(scaled)
    }

    /// `softmax(values)` in double, shifted by the maximum so that no exponential overflows.
    static func softmax(_ values: [Double]) -> [Double] {
        let maximum = values.max() ?? 0
        let exponentials = values.map { exp($0 - maximum) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }
}
