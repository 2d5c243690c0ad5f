import Foundation

/// Trains a student network with SGD, either on labels alone (cross-entropy) or distilled
/// from a frozen teacher, and evaluates it on the test split after every epoch.
///
/// Every step is: zero gradients, a training-mode forward of the batch, the loss (the
/// teacher gets the same augmented batch, in eval mode), backward, SGD. A NaN or infinite
/// loss stops the run before the step is applied and reports where it happened.
public final class Trainer {
    public let network: Network
    public let teacher: FrozenNetwork?
    public let loss: (any DistillationLoss)?
    public let optimizer: SGD
    public let baseLearningRate: Double
    public let schedule: LearningRateSchedule
    public let epochs: Int
    /// Whether teacher logits of unaugmented training images are computed once (the default)
    /// instead of every step; the results are the same either way.
    public var cachesTeacherLogits = true

    /// `teacher` and `loss` come together: both nil for classification.
    public init(network: Network, teacher: FrozenNetwork? = nil, loss: (any DistillationLoss)? = nil,
                learningRate: Double, momentum: Double, weightDecay: Double,
                schedule: LearningRateSchedule, epochs: Int) throws {
        precondition((teacher == nil) == (loss == nil), "a teacher needs a distillation loss and the other way round")
        guard epochs >= 1 else {
            throw TrainingError.invalidSetting(name: "epochs", value: String(epochs), expected: "an integer >= 1")
        }
        guard learningRate > 0, learningRate.isFinite else {
            throw TrainingError.invalidSetting(name: "learning rate", value: String(learningRate), expected: "a number > 0")
        }
        guard (0..<1).contains(momentum) else {
            throw TrainingError.invalidSetting(name: "momentum", value: String(momentum), expected: "a value in [0, 1)")
        }
        guard weightDecay >= 0, weightDecay.isFinite else {
            throw TrainingError.invalidSetting(name: "weight decay", value: String(weightDecay), expected: "a number >= 0")
        }
        if let teacher, teacher.configuration.classes != network.configuration.classes {
            throw DistillationError.classCountMismatch(teacher: teacher.configuration.classes,
                                                       dataset: network.configuration.classes)
        }
        self.network = network
        self.teacher = teacher
        self.loss = loss
        self.optimizer = SGD(parameters: network.parameters, learningRate: Float(learningRate),
                             momentum: Float(momentum), weightDecay: Float(weightDecay))
        self.baseLearningRate = learningRate
        self.schedule = schedule
        self.epochs = epochs
    }

    /// Runs every epoch and returns the records and how the run ended.
    public func train(trainLoader: BatchLoader, testLoader: BatchLoader, executor: Executor,
                      observer: TrainingObserver? = nil) -> (records: [EpochRecord], outcome: TrainingOutcome) {
        var records: [EpochRecord] = []
        teacherLogitsCache = nil
        if let teacher, cachesTeacherLogits, trainLoader.augmentation.isIdentity {
            teacherLogitsCache = Self.logitsOfEveryImage(teacher, loader: trainLoader, executor: executor)
        }
        for epoch in 1...epochs {
            let clock = ContinuousClock()
            let start = clock.now
            let learningRate = baseLearningRate * schedule.factor(epoch: epoch - 1, totalEpochs: epochs)
            optimizer.learningRate = Float(learningRate)

            var totals = EpochTotals()
            let batches = trainLoader.epoch(epoch - 1, executor: executor)
            for (index, batch) in batches.enumerated() {
                let value = step(batch)
                guard value.loss.isFinite else {
                    return (records, .diverged(epoch: epoch, step: index + 1, loss: value.loss))
                }
                totals.add(value, batch: batch)
                observer?.trainingDidStep(epoch: epoch, step: index + 1, stepCount: batches.count, loss: value.loss)
            }

            let record = EpochRecord(
                epoch: epoch, loss: totals.meanLoss, crossEntropy: totals.meanCrossEntropy,
                distillation: teacher == nil ? nil : totals.meanDistillation,
                trainAccuracy: totals.accuracy,
                testAccuracy: Self.accuracy(of: network, on: testLoader, executor: executor),
                learningRate: learningRate, seconds: (clock.now - start).seconds)
            records.append(record)
            observer?.trainingDidFinishEpoch(record)
        }
        return (records, .finished)
    }

    /// One optimisation step; the update is skipped when the loss is not finite.
    private func step(_ batch: BatchLoader.Batch) -> StepValue {
        optimizer.zeroGradients()
        let logits = network.forward(batch.images, mode: .training)
        let loss: Float, crossEntropy: Float, distillation: Float, gradient: Tensor
        if let teacher, let distillationLoss = self.loss {
            let teacherLogits = teacherLogitsCache.map { Self.rows($0, at: batch.indices) } ?? teacher.logits(batch.images)
            let value = distillationLoss.evaluate(studentLogits: logits, teacherLogits: teacherLogits,
                                                  labels: batch.labels)
            (loss, crossEntropy, distillation, gradient) = (value.loss, value.crossEntropy, value.distillation,
                                                            value.gradient)
        } else {
            (loss, gradient) = CrossEntropy.lossAndGradient(logits: logits, labels: batch.labels)
            (crossEntropy, distillation) = (loss, 0)
        }
        if loss.isFinite {
            network.backward(gradient)
            optimizer.step()
        }
        return StepValue(loss: loss, crossEntropy: crossEntropy, distillation: distillation,
                         correct: Self.correctCount(logits: logits, labels: batch.labels))
    }

    /// Eval-mode teacher logits `[count, L]` of every training image in data set order, when
    /// the student's inputs are not augmented: the teacher then gets the same images every
    /// epoch, and since eval-mode logits do not depend on the batch an image is in, reading
    /// them from this cache gives the same values as recomputing them.
    private var teacherLogitsCache: Tensor?

    static func logitsOfEveryImage(_ teacher: FrozenNetwork, loader: BatchLoader, executor: Executor) -> Tensor {
        let inOrder = BatchLoader(dataset: loader.dataset, batchSize: loader.batchSize,
                                  normalization: loader.normalization)
        var scalars: [Float] = []
        var classes = 0
        for batch in inOrder.epoch(0, executor: executor) {
            let logits = teacher.logits(batch.images)
            classes = logits.shape[1]
            scalars += logits.scalars
        }
        return Tensor(shape: [loader.dataset.count, classes], scalars: scalars)
    }

    /// The rows `indices` of a `[count, L]` tensor.
    static func rows(_ table: Tensor, at indices: [Int]) -> Tensor {
        let width = table.shape[1]
        var scalars: [Float] = []
        scalars.reserveCapacity(indices.count * width)
        for index in indices {
            scalars += table.scalars[(index * width)..<((index + 1) * width)]
        }
        return Tensor(shape: [indices.count, width], scalars: scalars)
    }

    /// Correct / total of eval-mode predictions over every batch of `loader`.
    public static func accuracy(of network: Network, on loader: BatchLoader, executor: Executor) -> Double {
        var correct = 0, total = 0
        for batch in loader.epoch(0, executor: executor) {
            correct += correctCount(logits: network.forward(batch.images, mode: .evaluation), labels: batch.labels)
            total += batch.labels.count
        }
        return total == 0 ? 0 : Double(correct) / Double(total)
    }

    /// Images whose largest logit is their label; ties go to the lowest class index, as `argmax`.
    public static func correctCount(logits: Tensor, labels: [Int]) -> Int {
        let classes = logits.shape[1]
        var correct = 0
        for (row, label) in labels.enumerated() {
            var best = 0
            for index in 1..<classes where logits.scalars[row * classes + index] > logits.scalars[row * classes + best] {
                best = index
            }
            if best == label { correct += 1 }
        }
        return correct
    }
}

private struct StepValue {
    let loss: Float
    let crossEntropy: Float
    let distillation: Float
    let correct: Int
}

/// Sums over an epoch, weighted by batch size, so that means are over images.
private struct EpochTotals {
    var loss = 0.0, crossEntropy = 0.0, distillation = 0.0
    var correct = 0, images = 0

    mutating func add(_ value: StepValue, batch: BatchLoader.Batch) {
        let size = Double(batch.labels.count)
        loss += Double(value.loss) * size
        crossEntropy += Double(value.crossEntropy) * size
        distillation += Double(value.distillation) * size
        correct += value.correct
        images += batch.labels.count
    }

    var meanLoss: Double { loss / Double(max(1, images)) }
    var meanCrossEntropy: Double { crossEntropy / Double(max(1, images)) }
    var meanDistillation: Double { distillation / Double(max(1, images)) }
    var accuracy: Double { Double(correct) / Double(max(1, images)) }
}

extension Duration {
    /// The duration in seconds as a double.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
