import Foundation
import TrainingCore

/// Loads each data set selection once per process.
public final class DataCache: @unchecked Sendable {
    static let shared = DataCache()
    private let lock = NSLock()
    private var cache: [String: DatasetSplits] = [:]

    func splits(for spec: ExperimentSpec.DatasetSpec) throws -> DatasetSplits {
        let key = String(describing: spec)
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        var splits = try Self.source(for: spec).load()
        let subsetSeed = UInt64(spec.subsetSeed ?? 0)
        if let rule = spec.trainSubset.flatMap({ DatasetSubset(rule: $0, seed: subsetSeed) }) {
            splits.train = rule.apply(to: splits.train)
        }
        if let rule = spec.testSubset.flatMap({ DatasetSubset(rule: $0, seed: subsetSeed) }) {
            splits.test = rule.apply(to: splits.test)
        }
        cache[key] = splits
        return splits
    }

    static func source(for spec: ExperimentSpec.DatasetSpec) throws -> DatasetSource {
        var synthetic = SyntheticDataset()
        if let settings = spec.synthetic {
            synthetic.trainCount = settings.trainSize ?? synthetic.trainCount
            synthetic.testCount = settings.testSize ?? synthetic.testCount
            synthetic.classCount = settings.classes ?? synthetic.classCount
            synthetic.superclassCount = settings.superclasses ?? synthetic.superclassCount
            synthetic.seed = UInt64(settings.seed ?? Int(synthetic.seed))
            if let shape = settings.shape.flatMap(SyntheticDataset.shape(parsing:)) {
                (synthetic.channels, synthetic.height, synthetic.width) = shape
            }
        }
        return try DatasetSource.named(spec.name, directory: spec.dataDir, synthetic: synthetic)
    }
}

extension DataCache {
    /// The test-split size a data set selection has, without decoding images where it can.
    public static func testCount(for spec: ExperimentSpec.DatasetSpec) throws -> Int {
        try DatasetShape.estimate(spec).testCount
    }
}
