import Foundation
import Testing
import TrainingCore

struct TeacherLogitsCacheTests {
    /// Distils a small student from a small teacher on synthetic data without augmentation.
    func distill(cachesTeacherLogits: Bool) throws -> (state: Data, records: [EpochRecord]) {
        let splits = try SyntheticDataset(trainCount: 60, testCount: 20, classCount: 4, superclassCount: 2,
                                          channels: 1, height: 12, width: 12, seed: 3).makeSplits()
        let executor = Executor(threadCount: 2)
        var teacherGenerator = SeededGenerator(seed: 1, stream: "init")
        let teacher = FrozenNetwork(try Network(
            configuration: ModelConfiguration(name: "ResNet8", width: 0.25, inChannels: 1, classes: 4),
            inputHeight: 12, inputWidth: 12, executor: executor, generator: &teacherGenerator))
        var studentGenerator = SeededGenerator(seed: 2, stream: "init")
        let student = try Network(
            configuration: ModelConfiguration(name: "VGG8", width: 0.125, inChannels: 1, classes: 4),
            inputHeight: 12, inputWidth: 12, executor: executor, generator: &studentGenerator)
        let trainer = try Trainer(network: student, teacher: teacher,
                                  loss: AsymmetricTemperatureLoss(lambda: 0.5, trueTau: 4, wrongTau: 2),
                                  learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4, schedule: .constant, epochs: 2)
        trainer.cachesTeacherLogits = cachesTeacherLogits
        let normalization = Normalization.centered(channels: 1)
        // Batches of 16 put each image at another position of another batch every epoch.
        let train = BatchLoader(dataset: splits.train, batchSize: 16, normalization: normalization, shuffles: true,
                                orderSeed: 5)
        let test = BatchLoader(dataset: splits.test, batchSize: 16, normalization: normalization)
        let (records, outcome) = trainer.train(trainLoader: train, testLoader: test, executor: executor)
        #expect(outcome == .finished)
        return (student.stateDict().serialized(), records)
    }

    @Test
    func cachedTeacherLogitsGiveIdenticalStudent() throws {
        let cached = try distill(cachesTeacherLogits: true)
        let recomputed = try distill(cachesTeacherLogits: false)
        #expect(cached.state == recomputed.state)
        #expect(cached.records.map(\.loss) == recomputed.records.map(\.loss))
        #expect(cached.records.map(\.distillation) == recomputed.records.map(\.distillation))
    }
}
