import Testing
import TrainingCore

struct EvaluationTests {
    /// Every eval-mode layer treats images one at a time, so cached logits equal recomputed
    /// ones whatever batch they were computed in.
    @Test(arguments: ["ResNet8", "VGG8", "WRN10-1"])
    func logitsDoNotDependOnBatchSize(_ model: String) throws {
        var generator = SeededGenerator(seed: 4, stream: "init")
        let network = try Network(configuration: ModelConfiguration(name: model, width: 0.5, classes: 7),
                                  inputHeight: 12, inputWidth: 12, executor: Executor(threadCount: 2),
                                  generator: &generator)
        let images = randomTensor([11, 3, 12, 12], seed: 8)
        let whole = Evaluation.logits(of: network, images: images, batchSize: 11)
        for batchSize in [1, 3, 4] {
            #expect(Evaluation.logits(of: network, images: images, batchSize: batchSize) == whole)
        }
    }
}
