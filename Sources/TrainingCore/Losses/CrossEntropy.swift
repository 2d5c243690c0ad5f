import Foundation

/// Mean cross-entropy of logits against class labels, as PyTorch's `F.cross_entropy`:
/// `loss = mean_n( logsumexp(z[n]) - z[n, y[n]] )`, and its gradient
/// `dz[n, c] = (softmax(z[n])_c - [c == y[n]]) / N`.
///
/// Shapes: logits `[N, L]`, labels `N` values in `0..<L`. Computed in double with the
/// usual max shift, so large logits do not overflow.
public enum CrossEntropy {
    public static func lossAndGradient(logits: Tensor, labels: [Int]) -> (loss: Float, gradient: Tensor) {
        precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                     "cross-entropy: logits \(logits.shape) do not match \(labels.count) labels")
        let batch = logits.shape[0], classes = logits.shape[1]
        var gradient = Tensor(zeros: logits.shape)
        var total = 0.0
        for image in 0..<batch {
            let label = labels[image]
            precondition((0..<classes).contains(label), "cross-entropy: label \(label) outside 0..<\(classes)")
            let row = image * classes
            var maximum = -Double.infinity
            for index in row..<(row + classes) {
                maximum = max(maximum, Double(logits.scalars[index]))
            }
            var sum = 0.0
            for index in row..<(row + classes) {
                sum += exp(Double(logits.scalars[index]) - maximum)
            }
            let logSumExp = maximum + log(sum)
            total += logSumExp - Double(logits.scalars[row + label])
            for index in row..<(row + classes) {
                let probability = exp(Double(logits.scalars[index]) - logSumExp)
                let target = index == row + label ? 1.0 : 0.0
                gradient.scalars[index] = Float((probability - target) / Double(batch))
            }
        }
        return (Float(total / Double(batch)), gradient)
    }
}
