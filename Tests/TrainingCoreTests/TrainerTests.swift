import Foundation
import Testing
import TrainingCore

/// Whole training runs through `Trainer` on small synthetic data: determinism across thread
/// counts, the divergence stop, and lamb 0 against plain classification. Every comparison here
/// is exact (bit for bit), because the determinism contract promises identical results.
struct TrainerTests {
    /// 120 training and 40 test images of 3x16x16 in 4 classes, trained with the pad-4 crop,
    /// flips and shuffling on, so that every random stream takes part.
    static func syntheticSetup(threads: Int, learningRate: Double = 0.05) throws -> TrainingSetup {
        let data = SyntheticDataset(trainCount: 120, testCount: 40, classCount: 4, superclassCount: 2,
                                    channels: 3, height: 16, width: 16, seed: 3)
        return TrainingSetup(
            model: "ResNet8", width: 0.5, splits: try data.makeSplits(), normalization: .centered(channels: 3),
            epochs: 2, learningRate: learningRate, batchSize: 16, schedule: .cosine, augmentation: .padCropFlip,
            seed: 7, threads: threads)
    }

    @Test
    func oneAndTwoThreadsGiveIdenticalRuns() throws {
        let single = try Self.syntheticSetup(threads: 1)
        let double = try Self.syntheticSetup(threads: 2)
        let singleNetwork = try single.makeNetwork()
        let doubleNetwork = try double.makeNetwork()
        let singleRun = try single.train(singleNetwork)
        let doubleRun = try double.train(doubleNetwork)

        #expect(singleRun.outcome == .finished)
        #expect(doubleRun.outcome == .finished)
        #expect(singleRun.records.count == 2)
        #expect(singleRun.records.map(\.withoutSeconds) == doubleRun.records.map(\.withoutSeconds))
        #expect(singleNetwork.stateDict().serialized() == doubleNetwork.stateDict().serialized())
    }

    /// Guards the test above against passing trivially: training must change the weights.
    @Test
    func trainingChangesWeights() throws {
        let setup = try Self.syntheticSetup(threads: 2)
        let network = try setup.makeNetwork()
        let initial = network.stateDict().serialized()
        _ = try setup.train(network)
        #expect(network.stateDict().serialized() != initial)
    }

    /// A learning rate of 1e8 blows the weights up after the first update. The divergence step
    /// is checked against the steps the observer saw, which are only the finite ones.
    @Test
    func hugeLearningRateStopsWithDivergence() throws {
        let setup = try Self.syntheticSetup(threads: 2, learningRate: 1e8)
        let network = try setup.makeNetwork()
        let recorder = StepRecorder()
        let (records, outcome) = try setup.train(network, observer: recorder)

        guard case .diverged(let epoch, let step, let loss) = outcome else {
            Issue.record("expected a divergence, got \(outcome)")
            return
        }
        #expect(!loss.isFinite)
        #expect(records.count == epoch - 1)
        #expect(recorder.epochs.count == epoch - 1)
        let lastFinite = recorder.steps.last
        #expect(lastFinite.map { $0.epoch == epoch ? $0.step + 1 : 1 } == step)
        #expect(recorder.steps.allSatisfy { $0.loss.isFinite })
        // The initial weights give a finite loss, so the first step cannot be the one that diverges.
        #expect(epoch > 1 || step > 1)
    }

    /// With lamb 0 the teacher must not matter at all: the same seeds give the same weights and
    /// records with a (random, untrained) teacher as without one.
    @Test
    func zeroLambdaMatchesPlainClassification() throws {
        let setup = try Self.syntheticSetup(threads: 2)
        let plainNetwork = try setup.makeNetwork()
        let plain = try setup.train(plainNetwork)

        var teacherGenerator = SeededGenerator(seed: 99, stream: "init")
        let teacherNetwork = try Network(
            configuration: ModelConfiguration(name: "VGG8", width: 0.25, inChannels: 3, classes: 4),
            inputHeight: 16, inputWidth: 16, executor: Executor(threadCount: 2), generator: &teacherGenerator)
        let loss = try AsymmetricTemperatureLoss(lambda: 0, trueTau: 4, wrongTau: 2)
        let distilledNetwork = try setup.makeNetwork()
        let distilled = try setup.train(distilledNetwork, teacher: FrozenNetwork(teacherNetwork), loss: loss)

        #expect(distilled.outcome == plain.outcome)
        #expect(distilledNetwork.stateDict().serialized() == plainNetwork.stateDict().serialized())
        #expect(distilled.records.count == plain.records.count)
        for (withTeacher, without) in zip(distilled.records, plain.records) {
            #expect(withTeacher.loss == without.loss)
            #expect(withTeacher.crossEntropy == without.crossEntropy)
            #expect(withTeacher.trainAccuracy == without.trainAccuracy)
            #expect(withTeacher.testAccuracy == without.testAccuracy)
            #expect(withTeacher.learningRate == without.learningRate)
            #expect(withTeacher.distillation == 0)
            #expect(without.distillation == nil)
        }
    }
}
