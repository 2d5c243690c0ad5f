import Foundation
import TrainingCore

/// What `classify` and `distill` share: data, seeds, optimiser, outputs, the run itself and
/// its checkpoints.
struct TrainingRun {
    let command: String
    let data: DataOptions
    let seeds: SeedOptions
    let optimization: OptimizationOptions
    let output: OutputOptions
    let threads: Int

    /// Trains `network` (distilled from `teacher` with `loss`, or on labels alone) and saves
    /// the final checkpoint. Returns the process exit status: 0 finished, 3 diverged.
    func execute(network: Network, splits: DatasetSplits, teacher: FrozenNetwork?, loss: (any DistillationLoss)?,
                 metadata: [String: String]) throws -> Int32 {
        let executor = Executor(threadCount: threads)
        let normalization = data.source.defaultNormalization(channels: splits.train.channels)
        let (trainLoader, testLoader) = BatchLoader.trainingRun(
            splits: splits, batchSize: optimization.batchSize, normalization: normalization,
            augments: optimization.augment, orderSeed: seeds.orderSeed, augmentSeed: seeds.augmentSeed)
        let trainer = try Trainer(
            network: network, teacher: teacher, loss: loss, learningRate: optimization.learningRate,
            momentum: optimization.momentum, weightDecay: optimization.weightDecay,
            schedule: optimization.schedule, epochs: optimization.epochs)

        var runMetadata = metadata.merging(seeds.metadata) { first, _ in first }
        runMetadata["producer"] = "atsbench \(BuildInfo.version)"
        runMetadata["openblas_core"] = BLAS.coreName
        runMetadata["dataset"] = data.source.name
        runMetadata["train_images"] = String(splits.train.count)
        runMetadata["train_pixels_sha256"] = splits.train.pixelDigest
        runMetadata["lr"] = String(optimization.learningRate)
        runMetadata["schedule"] = optimization.schedule.name
        runMetadata["batch_size"] = String(optimization.batchSize)
        runMetadata["augment"] = String(optimization.augment)
        let checkpointPath = output.checkpointPath
        let checkpointFolder = URL(fileURLWithPath: checkpointPath).deletingLastPathComponent()
        // Created before training, so that an unwritable folder fails now and not after the last epoch.
        do {
            try FileManager.default.createDirectory(at: checkpointFolder, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: checkpointFolder.path,
                            message: "cannot create the checkpoint folder (\(ErrorText.describe(error))); "
                                     + "pass a writable --ckpt-dir")
        }
        let save = { (epoch: Int, path: String) throws in
            var fields = runMetadata
            fields["epoch"] = String(epoch)
            try network.stateDict(metadata: fields).write(to: URL(fileURLWithPath: path))
        }
        let reporter = try RunReporter(epochs: optimization.epochs, logPath: output.logPath,
                                       checkpointEvery: output.checkpointEvery) { epoch in
            try save(epoch, checkpointPath + ".epoch\(epoch)")
        }

        reporter.log("# atsbench \(command): \(network.configuration.displayName), \(network.parameterCount) parameters, "
                     + "\(data.source.name) \(splits.train.count) train / \(splits.test.count) test images, "
                     + "\(optimization.epochs) epochs, \(threads) threads, seeds \(seeds.replayFlags)"
                     + (seeds.drawnFromSystem ? " (drawn from the system)" : ""))
        let lastFactor = optimization.schedule.factor(epoch: optimization.epochs - 1, totalEpochs: optimization.epochs)
        if optimization.schedule == .wskd, lastFactor < 1 {
            let firstFactor = optimization.schedule.factor(epoch: 0, totalEpochs: optimization.epochs)
            let range = optimization.epochs == 1
                ? "lr x \(String(format: "%.2g", firstFactor)) in its only epoch"
                : "lr x \(String(format: "%.2g", firstFactor)) in epoch 1 and lr x "
                    + "\(String(format: "%.2g", lastFactor)) in epoch \(optimization.epochs)"
            reporter.log("# note: the wskd warm-up is not over by the last epoch: the learning rate is \(range); "
                         + "pass --schedule cosine or constant for short runs")
        }
        let (records, outcome) = trainer.train(trainLoader: trainLoader, testLoader: testLoader, executor: executor,
                                               observer: reporter)
        switch outcome {
        case .finished:
            try save(records.last?.epoch ?? 0, checkpointPath)
            reporter.log("# saved \(checkpointPath)")
            return 0
        case .diverged:
            reporter.log("# \(outcome.description); no final checkpoint written")
            return 3
        }
    }
}
