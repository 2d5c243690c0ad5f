import Foundation

/// What one epoch of training produced.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// 1-based, as the original scripts print it.
    public var epoch: Int
    /// Mean training loss over the epoch's images (the combined loss when distilling).
    public var loss: Double
    /// Mean cross-entropy term over the epoch's images.
    public var crossEntropy: Double
    /// Mean distillation term over the epoch's images; nil for plain classification.
    public var distillation: Double?
    /// Correct / total over the epoch's training images, from the training-mode logits.
    public var trainAccuracy: Double
    /// Correct / total over the whole test split, in eval mode.
    public var testAccuracy: Double
    public var learningRate: Double
    public var seconds: Double

    public init(epoch: Int, loss: Double, crossEntropy: Double, distillation: Double?, trainAccuracy: Double,
                testAccuracy: Double, learningRate: Double, seconds: Double) {
        self.epoch = epoch
        self.loss = loss
        self.crossEntropy = crossEntropy
        self.distillation = distillation
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.learningRate = learningRate
        self.seconds = seconds
    }

    /// The original scripts' epoch line: `[Epoch:1] [Loss:4.6034] [TrAcc:0.0110] [TeAcc:0.0107]`.
    public var logLine: String {
        String(format: "[Epoch:%d] [Loss:%.4f] [TrAcc:%.4f] [TeAcc:%.4f]", epoch, loss, trainAccuracy, testAccuracy)
    }

    enum CodingKeys: String, CodingKey {
        case epoch
        case loss
        case crossEntropy = "cross_entropy"
        case distillation
        case trainAccuracy = "train_accuracy"
        case testAccuracy = "test_accuracy"
        case learningRate = "learning_rate"
        case seconds
    }
}

/// How a training run ended.
public enum TrainingOutcome: Equatable, Sendable {
    case finished
    /// The loss was NaN or infinite at this 1-based epoch and 1-based step within it.
    case diverged(epoch: Int, step: Int, loss: Float)

    public var description: String {
        switch self {
        case .finished:
            return "finished"
        case .diverged(let epoch, let step, let loss):
            return "diverged: the loss was \(loss) at epoch \(epoch), step \(step)"
        }
    }
}

/// Receives a training run's progress; the command line draws it, the result store keeps it.
public protocol TrainingObserver: AnyObject {
    /// Called after each optimisation step; `step` is 1-based within the epoch.
    func trainingDidStep(epoch: Int, step: Int, stepCount: Int, loss: Float)
    func trainingDidFinishEpoch(_ record: EpochRecord)
}
