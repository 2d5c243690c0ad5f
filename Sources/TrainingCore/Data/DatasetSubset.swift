/// A rule for taking a class-balanced part of a split, for runs on a budget.
///
/// Both rules keep at most `perClass` images of each class. A class with fewer images keeps
/// all of them. The chosen images stay in file order, so a subset of a subset is predictable.
public enum DatasetSubset: Sendable, Equatable {
    /// The first `perClass` images of each class, in file order.
    case firstPerClass(Int)
    /// `perClass` images of each class drawn without replacement, seeded.
    case stratified(perClass: Int, seed: UInt64)

    /// The indices into `dataset` that this rule keeps, ascending.
    public func indices(in dataset: Dataset) -> [Int] {
        var byClass = [[Int]](repeating: [], count: dataset.classCount)
        for (index, label) in dataset.labels.enumerated() {
            byClass[label].append(index)
        }

        var kept = [Int]()
        switch self {
        case .firstPerClass(let perClass):
            precondition(perClass >= 0, "per-class count must not be negative, got \(perClass)")
            for members in byClass {
                kept.append(contentsOf: members.prefix(perClass))
            }
        case .stratified(let perClass, let seed):
            precondition(perClass >= 0, "per-class count must not be negative, got \(perClass)")
            // One stream per split name, so the train and test draws of one seed are unrelated.
            var generator = SeededGenerator(seed: seed, stream: "subset.\(dataset.split)")
            for members in byClass {
                let order = generator.permutation(of: members.count)
                kept.append(contentsOf: order.prefix(perClass).map { members[$0] })
            }
        }
        return kept.sorted()
    }

    /// The images of `dataset` that this rule keeps.
    public func apply(to dataset: Dataset) -> Dataset {
        dataset.selecting(indices(in: dataset))
    }
}

extension DatasetSubset {
    /// The rule syntax, for messages.
    public static let ruleSyntax = "first:K or sample:K with K >= 1 images per class"

    /// Parses `first:K` (the first K images per class) or `sample:K` (K per class drawn with
    /// `seed`); nil for anything else.
    public init?(rule: String, seed: UInt64) {
        let parts = rule.split(separator: ":").map(String.init)
        guard parts.count == 2, let perClass = Int(parts[1]), perClass >= 1 else { return nil }
        switch parts[0] {
        case "first": self = .firstPerClass(perClass)
        case "sample": self = .stratified(perClass: perClass, seed: seed)
        default: return nil
        }
    }
}
