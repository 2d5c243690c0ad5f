import Testing
import TrainingCore

/// KD losses and class discriminability against the PyTorch fixtures. Tolerances: losses
/// 1e-5 relative, gradients 1e-4 of the tensor's largest magnitude, soft targets and
/// discriminability 1e-5 of the largest magnitude.
struct DistillationTests {
    static let cases = ["ce", "ts4", "ats4-2", "ats4-2-s2", "kd-only-ats3-1"]

    @Test(arguments: cases)
    func lossAndGradientMatchPyTorch(_ key: String) throws {
        let file = try Fixtures.load("kd-losses.safetensors")
        let parameters = try file.tensor(key + ".params").scalars.map(Double.init)
        let loss = try AsymmetricTemperatureLoss(lambda: parameters[0], trueTau: parameters[1],
                                                 wrongTau: parameters[2], studentTau: parameters[3])
        let labels = try file.int64s("labels").map(Int.init)
        let teacher = try file.tensor("teacher_logits")
        let value = loss.evaluate(studentLogits: try file.tensor("student_logits"), teacherLogits: teacher,
                                  labels: labels)
        let expectedLoss = try file.tensor(key + ".loss").scalars[0]
        #expect(abs(value.loss - expectedLoss) <= 1e-5 * abs(expectedLoss), "\(key): \(value.loss) vs \(expectedLoss)")
        expectClose(value.gradient, try file.tensor(key + ".grad"), relativeToMax: 1e-4, key + ".grad")
        let targets = SoftTargets.asymmetric(teacherLogits: teacher, labels: labels,
                                             trueTau: parameters[1], wrongTau: parameters[2])
        expectClose(targets, try file.tensor(key + ".targets"), relativeToMax: 1e-5, key + ".targets")
    }

    @Test
    func zeroLambdaEqualsCrossEntropyBitForBit() throws {
        let file = try Fixtures.load("kd-losses.safetensors")
        let student = try file.tensor("student_logits")
        let labels = try file.int64s("labels").map(Int.init)
        let value = try AsymmetricTemperatureLoss(lambda: 0, trueTau: 4, wrongTau: 2)
            .evaluate(studentLogits: student, teacherLogits: try file.tensor("teacher_logits"), labels: labels)
        let plain = CrossEntropy.lossAndGradient(logits: student, labels: labels)
        #expect(value.loss == plain.loss)
        #expect(value.gradient == plain.gradient)
    }

    @Test
    func termsCombineWithLambda() throws {
        let file = try Fixtures.load("kd-losses.safetensors")
        let value = try AsymmetricTemperatureLoss(lambda: 0.3, trueTau: 4, wrongTau: 2)
            .evaluate(studentLogits: try file.tensor("student_logits"), teacherLogits: try file.tensor("teacher_logits"),
                      labels: try file.int64s("labels").map(Int.init))
        #expect(abs(value.loss - (0.7 * value.crossEntropy + 0.3 * value.distillation)) < 1e-5)
    }

    @Test
    func invalidSettingsAreRejected() {
        #expect(throws: DistillationError.self) { try AsymmetricTemperatureLoss(lambda: 1.5, trueTau: 4, wrongTau: 2) }
        #expect(throws: DistillationError.self) { try AsymmetricTemperatureLoss(lambda: -0.1, trueTau: 4, wrongTau: 2) }
        #expect(throws: DistillationError.self) { try AsymmetricTemperatureLoss(lambda: 0.5, trueTau: 0, wrongTau: 2) }
        #expect(throws: DistillationError.self) { try AsymmetricTemperatureLoss(lambda: 0.5, trueTau: 4, wrongTau: -1) }
        #expect(throws: DistillationError.self) {
            try AsymmetricTemperatureLoss.temperatureScaling(lambda: 0.5, tau: 4, studentTau: 0)
        }
    }

    @Test(arguments: ["ts", "ats"])
    func discriminabilityMatchesPyTorch(_ kind: String) throws {
        let file = try Fixtures.load("discriminability.safetensors")
        let logits = try file.tensor("logits")
        let labels = try file.int64s("labels").map(Int.init)
        let taus = try file.tensor("taus").scalars.map(Double.init)
        let averages = try file.tensor(kind + ".derived_average").scalars
        let sigmas = try file.tensor(kind + ".derived_sigma").scalars
        for (index, tau) in taus.enumerated() {
            // The fixture's ATS scales tau by 1.25 for the true class and 0.75 for the others.
            let (trueTau, wrongTau) = kind == "ts" ? (tau, tau) : (1.25 * tau, 0.75 * tau)
            let measured = ClassDiscriminability(logits: logits, labels: labels, trueTau: trueTau, wrongTau: wrongTau)
            #expect(abs(measured.meanDerivedAverage - Double(averages[index])) <= 1e-5 * Double(averages[index]),
                    "\(kind) e(q) at tau \(tau)")
            #expect(abs(measured.meanDerivedSigma - Double(sigmas[index])) <= 1e-5 * Double(sigmas[index]),
                    "\(kind) sigma(q) at tau \(tau)")
            if tau == 1 {
                let perSample = Tensor(shape: [labels.count], scalars: measured.derivedSigmas.map(Float.init))
                expectClose(perSample, try file.tensor(kind + ".sigma_per_sample_tau1"), relativeToMax: 1e-5,
                            "\(kind) per-sample sigma")
            }
        }
    }

    @Test
    func derivedAverageIsRemainingMassOverWrongClasses() {
        let logits = Tensor(shape: [1, 4], scalars: [2, 0, 1, -1])
        let measured = ClassDiscriminability(logits: logits, labels: [0], trueTau: 1, wrongTau: 1)
        #expect(abs(measured.derivedAverages[0] - (1 - measured.trueClassProbabilities[0]) / 3) < 1e-12)
    }
}
