/// Holm's step-down correction of a family of p-values, which controls the family-wise
/// error rate under any dependence between the tests.
public enum Holm {
    /// The adjusted p-values, in the order of `pValues`: with p_(1) <= ... <= p_(m) sorted,
    /// p'_(i) = max over j <= i of min(1, (m - j + 1) * p_(j)), as R's `p.adjust(method = "holm")`.
    public static func adjust(_ pValues: [Double]) throws -> [Double] {
        for (index, p) in pValues.enumerated() where !(0...1).contains(p) {
            throw StatisticsError.invalidArgument(
                name: "p-value \(index + 1)", value: p, expected: "a probability between 0 and 1")
        }

        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 0, count: m)
        var runningMaximum = 0.0
        for (step, index) in order.enumerated() {
            let scaled = min(1, Double(m - step) * pValues[index])
            runningMaximum = max(runningMaximum, scaled)
            adjusted[index] = runningMaximum
        }
        return adjusted
    }
}
