import Foundation
import TrainingCore

/// One trial of a plan, in the order the plan runs them.
public struct PlannedTrial: Equatable, Sendable {
    public let index: Int
    public let id: String
    public let configuration: TrialConfiguration
    /// Multiply-accumulates of training and evaluation, an estimate of the trial's cost.
    public let estimatedMACs: Double
}

/// Expands a spec into trials: teachers first, then every student per teacher x method x
/// seed. CE students do not depend on a teacher, so there is one per seed.
public enum TrialPlan {
    public static let defaultLamb = 0.5
    public static let defaultStudentTau = 1.0
    public static let defaultATSRatio = [1.25, 0.75]

    public static func make(spec: ExperimentSpec, seeds: [UInt64]) throws -> [PlannedTrial] {
        precondition(!seeds.isEmpty, "a plan needs seeds")
        let shape = try DatasetShape.estimate(spec.dataset)
        var trials: [PlannedTrial] = []
        var seen = Set<String>()
        func add(_ configuration: TrialConfiguration, teacherMACs: Int?) throws {
            let id = configuration.id
            guard seen.insert(id).inserted else { return }
            let macs = try shape.macsPerImage(model: configuration.model, width: configuration.width)
            let epochs = Double(configuration.epochs)
            var cost = 3 * Double(macs) * Double(shape.trainCount) * epochs + Double(macs) * Double(shape.testCount) * epochs
            if let teacherMACs {
                // Unaugmented inputs let the trainer compute the teacher's logits once.
                let teacherPasses = configuration.augment ? epochs : 1
                cost += Double(teacherMACs) * Double(shape.trainCount) * teacherPasses
            }
            trials.append(PlannedTrial(index: trials.count, id: id, configuration: configuration, estimatedMACs: cost))
        }

        var teacherTrials: [(spec: ExperimentSpec.TeacherSpec, id: String, macs: Int)] = []
        for teacher in spec.teachers {
            let teacherSeeds = teacher.seeds.map { $0.map(UInt64.init) } ?? [seeds[0]]
            var firstID: String?
            for seed in teacherSeeds {
                let configuration = teacherConfiguration(spec: spec, teacher: teacher, seed: seed)
                try add(configuration, teacherMACs: nil)
                firstID = firstID ?? configuration.id
            }
            teacherTrials.append((teacher, firstID!, try shape.macsPerImage(model: teacher.model, width: teacher.width ?? 1)))
        }

        for method in expandedMethods(spec.methods) {
            for seed in seeds {
                if method.kind == "ce" {
                    try add(studentConfiguration(spec: spec, method: method, seed: seed, firstSeed: seeds[0],
                                                 teacher: nil), teacherMACs: nil)
                    continue
                }
                for teacher in teacherTrials {
                    try add(studentConfiguration(spec: spec, method: method, seed: seed, firstSeed: seeds[0],
                                                 teacher: (teacher.spec.label, teacher.id)),
                            teacherMACs: teacher.macs)
                }
            }
        }
        return trials
    }

    /// A method with fixed temperatures: `ce`, `ts` (tpTau = tTau = tau) or `ats`.
    struct ResolvedMethod: Equatable {
        let kind: String
        let tpTau: Double?
        let tTau: Double?
    }

    static func expandedMethods(_ methods: [ExperimentSpec.MethodSpec]) -> [ResolvedMethod] {
        var result: [ResolvedMethod] = []
        for method in methods {
            switch method.kind {
            case "ce": result.append(ResolvedMethod(kind: "ce", tpTau: nil, tTau: nil))
            case "ts": result.append(ResolvedMethod(kind: "ts", tpTau: method.tau, tTau: method.tau))
            case "ats": result.append(ResolvedMethod(kind: "ats", tpTau: method.tpTau, tTau: method.tTau))
            default:
                for tpTau in method.tpTaus ?? [] {
                    for tTau in method.tTaus ?? [] {
                        result.append(ResolvedMethod(kind: "ats", tpTau: tpTau, tTau: tTau))
                    }
                }
            }
        }
        return result
    }

    static func teacherConfiguration(spec: ExperimentSpec, teacher: ExperimentSpec.TeacherSpec, seed: UInt64)
        -> TrialConfiguration {
        TrialConfiguration(
            role: .teacher, teacherLabel: teacher.label, teacherID: nil, dataset: spec.dataset,
            model: teacher.model, width: teacher.width ?? 1, epochs: teacher.epochs ?? spec.training.epochs,
            lr: teacher.lr ?? spec.training.lr ?? 0.05, momentum: spec.training.momentum ?? 0.9,
            weightDecay: spec.training.weightDecay ?? 5e-4, batchSize: spec.training.batchSize ?? 128,
            schedule: teacher.schedule ?? spec.training.schedule ?? "wskd", augment: spec.training.augment ?? true,
            method: "ce", tpTau: nil, tTau: nil, lamb: nil, sTau: nil,
            seed: seed, initSeed: seed, orderSeed: seed, augmentSeed: seed,
            discriminabilityTaus: spec.discriminability?.taus,
            atsRatio: spec.discriminability.map { $0.atsRatio ?? defaultATSRatio })
    }

    static func studentConfiguration(spec: ExperimentSpec, method: ResolvedMethod, seed: UInt64, firstSeed: UInt64,
                                     teacher: (label: String, id: String)?) -> TrialConfiguration {
        let vary = spec.vary ?? .all
        func stream(_ which: ExperimentSpec.SeedVariation) -> UInt64 {
            vary == .all || vary == which ? seed : firstSeed
        }
        let distills = method.kind != "ce"
        return TrialConfiguration(
            role: .student, teacherLabel: teacher?.label, teacherID: teacher?.id, dataset: spec.dataset,
            model: spec.student.model, width: spec.student.width ?? 1, epochs: spec.training.epochs,
            lr: spec.training.lr ?? 0.05, momentum: spec.training.momentum ?? 0.9,
            weightDecay: spec.training.weightDecay ?? 5e-4, batchSize: spec.training.batchSize ?? 128,
            schedule: spec.training.schedule ?? "wskd", augment: spec.training.augment ?? true,
            method: method.kind, tpTau: method.tpTau, tTau: method.tTau,
            lamb: distills ? spec.lamb ?? defaultLamb : nil, sTau: distills ? spec.sTau ?? defaultStudentTau : nil,
            seed: seed, initSeed: stream(.`init`), orderSeed: stream(.order), augmentSeed: stream(.augment),
            discriminabilityTaus: nil, atsRatio: nil)
    }
}

/// Image counts and shape of a data set as a spec selects it, without decoding the images
/// (except for image folders, whose size is only known by reading them).
struct DatasetShape {
    let trainCount: Int
    let testCount: Int
    let channels: Int
    let height: Int
    let width: Int
    let classes: Int

    static func estimate(_ dataset: ExperimentSpec.DatasetSpec) throws -> DatasetShape {
        var (train, test, channels, height, width, classes): (Int, Int, Int, Int, Int, Int)
        switch dataset.name.lowercased() {
        case "fashion-mnist": (train, test, channels, height, width, classes) = (60_000, 10_000, 1, 28, 28, 10)
        case "cifar10": (train, test, channels, height, width, classes) = (50_000, 10_000, 3, 32, 32, 10)
        case "cifar100": (train, test, channels, height, width, classes) = (50_000, 10_000, 3, 32, 32, 100)
        case "synthetic":
            let synthetic = dataset.synthetic
            let defaults = SyntheticDataset()
            let shape = synthetic?.shape.flatMap(SyntheticDataset.shape(parsing:))
                ?? (defaults.channels, defaults.height, defaults.width)
            (train, test, channels, height, width, classes) = (
                synthetic?.trainSize ?? defaults.trainCount, synthetic?.testSize ?? defaults.testCount,
                shape.channels, shape.height, shape.width, synthetic?.classes ?? defaults.classCount)
        default:
            let splits = try DataCache.shared.splits(for: dataset)
            return DatasetShape(trainCount: splits.train.count, testCount: splits.test.count,
                                channels: splits.train.channels, height: splits.train.height,
                                width: splits.train.width, classes: splits.train.classCount)
        }
        if let rule = dataset.trainSubset, let perClass = Int(rule.split(separator: ":").last ?? "") {
            train = min(train, perClass * classes)
        }
        if let rule = dataset.testSubset, let perClass = Int(rule.split(separator: ":").last ?? "") {
            test = min(test, perClass * classes)
        }
        return DatasetShape(trainCount: train, testCount: test, channels: channels, height: height, width: width,
                            classes: classes)
    }

    func macsPerImage(model: String, width: Double) throws -> Int {
        let configuration = try ModelConfiguration(name: model, width: width, inChannels: channels, classes: classes)
        var generator = SeededGenerator(seed: 0, stream: "init")
        let network = try Network(configuration: configuration, inputHeight: height, inputWidth: self.width,
                                  executor: Executor(threadCount: 1), generator: &generator)
        return network.multiplyAccumulatesPerImage
    }
}
