import Foundation

/// The value of a knowledge-distillation loss on one batch, with its two terms and the
/// gradient with respect to the student logits.
public struct DistillationLossValue: Sendable {
    /// `(1 - lambda) * crossEntropy + lambda * distillation`.
    public let loss: Float
    /// Mean cross-entropy against the labels.
    public let crossEntropy: Float
    /// `studentTau^2 * mean_n(-sum_c q[n, c] * log_softmax(z[n] / studentTau)_c)`.
    public let distillation: Float
    /// `d loss / d z`, shape `[N, L]`.
    public let gradient: Tensor
}

/// A knowledge-distillation loss: a pure function of student logits `z` `[N, L]`, teacher
/// logits `t` `[N, L]` and labels.
public protocol DistillationLoss: Sendable {
    func evaluate(studentLogits: Tensor, teacherLogits: Tensor, labels: [Int]) -> DistillationLossValue
}

/// Hinton et al.'s loss with a teacher target `q` (TS or ATS soft labels):
/// `(1 - lambda) * CE(z, y) + lambda * s^2 * mean_n(-sum_c q_c log_softmax(z / s)_c)`, with
/// `s` the student temperature. Its gradient with respect to `z` is
/// `(1 - lambda) * (softmax(z) - onehot(y)) / N + lambda * s * (softmax(z / s) - q) / N`.
///
/// TS is `trueTau == wrongTau`; `lambda = 0` is plain cross-entropy (the teacher is then
/// ignored, and the result equals `CrossEntropy` bit for bit).
public struct AsymmetricTemperatureLoss: DistillationLoss, Equatable {
    public let lambda: Double
    public let trueTau: Double
    public let wrongTau: Double
    public let studentTau: Double

    public init(lambda: Double, trueTau: Double, wrongTau: Double, studentTau: Double = 1) throws {
        guard (0...1).contains(lambda) else {
            throw DistillationError.invalidParameter(name: "lamb", value: lambda, expected: "a value in [0, 1]")
        }
        for (name, value) in [("tp_tau", trueTau), ("t_tau", wrongTau), ("s_tau", studentTau)] {
            guard value > 0, value.isFinite else {
                throw DistillationError.invalidParameter(name: name, value: value, expected: "a temperature > 0")
            }
        }
        self.lambda = lambda
        self.trueTau = trueTau
        self.wrongTau = wrongTau
        self.studentTau = studentTau
    }

    /// Plain TS with one temperature for every class.
    public static func temperatureScaling(lambda: Double, tau: Double, studentTau: Double = 1) throws -> Self {
        try Self(lambda: lambda, trueTau: tau, wrongTau: tau, studentTau: studentTau)
    }

    public func evaluate(studentLogits: Tensor, teacherLogits: Tensor, labels: [Int]) -> DistillationLossValue {
        precondition(studentLogits.shape == teacherLogits.shape,
                     "student logits \(studentLogits.shape) and teacher logits \(teacherLogits.shape) differ")
        let (crossEntropy, crossEntropyGradient) = CrossEntropy.lossAndGradient(logits: studentLogits, labels: labels)
        if lambda == 0 {
            return DistillationLossValue(loss: crossEntropy, crossEntropy: crossEntropy, distillation: 0,
                                         gradient: crossEntropyGradient)
        }

        let targets = SoftTargets.asymmetric(teacherLogits: teacherLogits, labels: labels,
                                             trueTau: trueTau, wrongTau: wrongTau)
        let batch = studentLogits.shape[0], classes = studentLogits.shape[1]
        var gradient = Tensor(zeros: studentLogits.shape)
        var distillationSum = 0.0
        var scaled = [Double](repeating: 0, count: classes)
        for row in 0..<batch {
            for index in 0..<classes {
                scaled[index] = Double(studentLogits.scalars[row * classes + index]) / studentTau
            }
            let maximum = scaled.max() ?? 0
            let logSumExp = maximum + log(scaled.reduce(0) { $0 + exp($1 - maximum) })
            for index in 0..<classes {
                let offset = row * classes + index
                let logProbability = scaled[index] - logSumExp
                let target = Double(targets.scalars[offset])
                distillationSum -= target * logProbability
                let distillationGradient = studentTau * (exp(logProbability) - target) / Double(batch)
                gradient.scalars[offset] = Float((1 - lambda) * Double(crossEntropyGradient.scalars[offset])
                                                 + lambda * distillationGradient)
            }
        }
        let distillation = studentTau * studentTau * distillationSum / Double(batch)
        let loss = (1 - lambda) * Double(crossEntropy) + lambda * distillation
        return DistillationLossValue(loss: Float(loss), crossEntropy: crossEntropy,
                                     distillation: Float(distillation), gradient: gradient)
    }
}

/// Errors of distillation settings and inputs.
public enum DistillationError: Error, Equatable, CustomStringConvertible {
    case invalidParameter(name: String, value: Double, expected: String)
    case classCountMismatch(teacher: Int, dataset: Int)
    case missingTensor(file: String, name: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        case .classCountMismatch(let teacher, let dataset):
            return "the teacher has \(teacher) classes but the data set has \(dataset)"
        case .missingTensor(let file, let name):
            return "\(file): tensor '\(name)' not found"
        }
    }
}
