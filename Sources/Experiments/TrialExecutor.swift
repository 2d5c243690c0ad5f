import Foundation
import TrainingCore

/// Runs one trial in this process: loads its data, builds its network (and its frozen
/// teacher), trains, saves the checkpoint, and for a teacher sweeps its discriminability.
public struct TrialExecutor {
    public let threads: Int
    /// Folder of checkpoints, named `<trial id>.safetensors`.
    public let checkpointDirectory: URL

    /// The temperature at which per-sample sigma values are kept for the histogram.
    public static let histogramTau = 4.0

    public init(threads: Int, checkpointDirectory: URL) {
        self.threads = threads
        self.checkpointDirectory = checkpointDirectory
    }

    public func checkpointURL(trialID: String) -> URL {
        checkpointDirectory.appendingPathComponent(trialID + ".safetensors")
    }

    /// Runs the trial; errors of data, files and settings become a `failed` record.
    public func run(_ configuration: TrialConfiguration, observer: TrainingObserver?) -> TrialRecord {
        let clock = ContinuousClock()
        let start = clock.now
        var record = TrialRecord(
            id: configuration.id, configuration: configuration, status: .failed, reason: nil,
            finalTestAccuracy: nil, bestTestAccuracy: nil, bestEpoch: nil, lastEpoch: nil, wallSeconds: 0,
            checkpointPath: nil, checkpointSHA256: nil,
            environment: .current(threads: threads, dataSHA256: ""), epochs: [], discriminability: [])
        do {
            try execute(configuration, record: &record, observer: observer)
        } catch {
            record.status = .failed
            record.reason = "\(error)"
        }
        record.wallSeconds = (clock.now - start).seconds
        return record
    }

    private func execute(_ configuration: TrialConfiguration, record: inout TrialRecord,
                         observer: TrainingObserver?) throws {
        let splits = try DataCache.shared.splits(for: configuration.dataset)
        record.environment.dataSHA256 = splits.train.pixelDigest
        let executor = Executor(threadCount: threads)
        let modelConfiguration = try ModelConfiguration(
            name: configuration.model, width: configuration.width, inChannels: splits.train.channels,
            classes: splits.train.classCount)
        var generator = SeededGenerator(seed: configuration.initSeed, stream: "init")
        let network = try Network(configuration: modelConfiguration, inputHeight: splits.train.height,
                                  inputWidth: splits.train.width, executor: executor, generator: &generator)

        var teacher: FrozenNetwork?
        var loss: (any DistillationLoss)?
        if let teacherID = configuration.teacherID {
            teacher = try loadTeacher(id: teacherID, splits: splits, executor: executor)
            loss = try AsymmetricTemperatureLoss(lambda: configuration.lamb ?? TrialPlan.defaultLamb,
                                                 trueTau: configuration.tpTau ?? 4, wrongTau: configuration.tTau ?? 4,
                                                 studentTau: configuration.sTau ?? TrialPlan.defaultStudentTau)
        }
        let normalization = try DataCache.source(for: configuration.dataset)
            .defaultNormalization(channels: splits.train.channels)
        let (trainLoader, testLoader) = BatchLoader.trainingRun(
            splits: splits, batchSize: configuration.batchSize, normalization: normalization,
            augments: configuration.augment, orderSeed: configuration.orderSeed,
            augmentSeed: configuration.augmentSeed)
        let trainer = try Trainer(
            network: network, teacher: teacher, loss: loss, learningRate: configuration.lr,
            momentum: configuration.momentum, weightDecay: configuration.weightDecay,
            schedule: try LearningRateSchedule(parsing: configuration.schedule), epochs: configuration.epochs)
        let (epochs, outcome) = trainer.train(trainLoader: trainLoader, testLoader: testLoader, executor: executor,
                                              observer: observer)

        record.epochs = epochs
        record.lastEpoch = epochs.last?.epoch
        record.finalTestAccuracy = epochs.last?.testAccuracy
        if let best = epochs.max(by: { $0.testAccuracy < $1.testAccuracy }) {
            record.bestTestAccuracy = best.testAccuracy
            record.bestEpoch = best.epoch
        }
        if case .diverged = outcome {
            record.status = .diverged
            record.reason = outcome.description
            return
        }

        let url = checkpointURL(trialID: configuration.id)
        try FileManager.default.createDirectory(at: checkpointDirectory, withIntermediateDirectories: true)
        var metadata = modelConfiguration.metadata(prefix: "model")
        metadata["trial.id"] = configuration.id
        metadata["trial.configuration"] = configuration.canonicalJSON()
        metadata["producer"] = "atsbench \(BuildInfo.version)"
        let bytes = network.stateDict(metadata: metadata).serialized()
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw ExperimentsError.trialFailed(id: configuration.id, reason: "cannot write \(url.path): \(ErrorText.describe(error))")
        }
        record.checkpointPath = url.path
        record.checkpointSHA256 = SHA256.hexDigest(of: bytes)

        if configuration.role == .teacher, let taus = configuration.discriminabilityTaus {
            let logits = Evaluation.logits(of: network, images: try Self.images(of: splits.test, normalization),
                                           batchSize: BatchLoader.evaluationBatchSize)
            record.discriminability = Self.sweep(logits: logits, labels: splits.test.labels, taus: taus,
                                                 atsRatio: configuration.atsRatio ?? TrialPlan.defaultATSRatio)
        }
        record.status = .done
    }

    private func loadTeacher(id: String, splits: DatasetSplits, executor: Executor) throws -> FrozenNetwork {
        try Self.loadFrozen(url: checkpointURL(trialID: id), trialID: id, splits: splits, executor: executor)
    }

    /// Loads a finished trial's checkpoint as a frozen network for images of `splits`' size.
    static func loadFrozen(url: URL, trialID id: String, splits: DatasetSplits, executor: Executor) throws
        -> FrozenNetwork {
        let file: SafeTensors
        do {
            file = try SafeTensors(contentsOf: url)
        } catch {
            throw ExperimentsError.trialFailed(id: id, reason: "teacher checkpoint: \(error)")
        }
        guard let configuration = try ModelConfiguration(metadata: file.metadata, prefix: "model") else {
            throw ExperimentsError.trialFailed(id: id, reason: "\(url.path) does not name its model")
        }
        return try FrozenNetwork(configuration: configuration, state: file, inputHeight: splits.train.height,
                                 inputWidth: splits.train.width, executor: executor)
    }

    /// The whole split as one normalised tensor, without augmentation.
    static func images(of dataset: Dataset, _ normalization: Normalization) throws -> Tensor {
        let loader = BatchLoader(dataset: dataset, batchSize: max(1, dataset.count), normalization: normalization)
        return loader.epoch(0)[0].images
    }

    /// e(q) and sigma(q) at every tau under TS and ATS (tp_tau = ratio[0] * tau,
    /// t_tau = ratio[1] * tau).
    static func sweep(logits: Tensor, labels: [Int], taus: [Double], atsRatio: [Double]) -> [DiscriminabilityRow] {
        var rows: [DiscriminabilityRow] = []
        for tau in taus {
            for (scaling, trueTau, wrongTau) in [("TS", tau, tau), ("ATS", atsRatio[0] * tau, atsRatio[1] * tau)] {
                rows.append(row(logits: logits, labels: labels, scaling: scaling, tau: tau, trueTau: trueTau,
                                wrongTau: wrongTau, keepsSamples: tau == histogramTau))
            }
        }
        return rows
    }

    /// e(q) and sigma(q) of the logits at one temperature pair, with their spread over samples.
    static func row(logits: Tensor, labels: [Int], scaling: String, tau: Double, trueTau: Double, wrongTau: Double,
                    keepsSamples: Bool) -> DiscriminabilityRow {
        let measured = ClassDiscriminability(logits: logits, labels: labels, trueTau: trueTau, wrongTau: wrongTau)
        return DiscriminabilityRow(
            scaling: scaling, tau: tau, tpTau: trueTau, tTau: wrongTau, sampleCount: labels.count,
            derivedAverageMean: measured.meanDerivedAverage,
            derivedAverageSD: standardDeviation(measured.derivedAverages),
            derivedSigmaMean: measured.meanDerivedSigma,
            derivedSigmaSD: standardDeviation(measured.derivedSigmas),
            trueClassProbability: measured.meanTrueClassProbability,
            perSampleSigma: keepsSamples ? measured.derivedSigmas : nil)
    }

    /// Recomputes a finished teacher's discriminability from its checkpoint on the test split
    /// of `dataset`, at each (scaling, tp_tau, t_tau); a row's `tau` is its t_tau.
    public static func discriminability(
        checkpointPath: String, trialID: String, dataset: ExperimentSpec.DatasetSpec,
        pairs: [(scaling: String, trueTau: Double, wrongTau: Double)], threads: Int
    ) throws -> [DiscriminabilityRow] {
        let splits = try DataCache.shared.splits(for: dataset)
        let executor = Executor(threadCount: threads)
        let teacher = try loadFrozen(url: URL(fileURLWithPath: checkpointPath), trialID: trialID, splits: splits,
                                     executor: executor)
        let normalization = try DataCache.source(for: dataset).defaultNormalization(channels: splits.train.channels)
        let logits = teacher.logits(try images(of: splits.test, normalization),
                                    batchSize: BatchLoader.evaluationBatchSize)
        return pairs.map { pair in
            row(logits: logits, labels: splits.test.labels, scaling: pair.scaling, tau: pair.wrongTau,
                trueTau: pair.trueTau, wrongTau: pair.wrongTau, keepsSamples: false)
        }
    }

    /// Sample standard deviation (n - 1), 0 for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }
}
