import Foundation
import Testing
import TrainingCore

struct ScheduleTests {
    /// wskd factors worked by hand from its definition: (t + 1e-6) / 5 for t <= 5, 1 up to
    /// t = 120, then 0.1^floor((t - 120) / 30).
    @Test(arguments: [
        (0, 2e-7), (1, 0.2000002), (5, 1.0000002), (6, 1.0), (120, 1.0),
        (149, 1.0), (150, 0.1), (180, 0.01), (239, 0.001),
    ])
    func wskdFactorAtEpochIndex(_ epoch: Int, _ expected: Double) {
        let factor = LearningRateSchedule.wskd.factor(epoch: epoch, totalEpochs: 240)
        #expect(abs(factor - expected) <= 1e-12 * max(1, expected), "epoch index \(epoch): \(factor)")
    }

    @Test
    func stepAndCosineFactors() throws {
        let step = try LearningRateSchedule(parsing: "step:150,180,210")
        #expect(step.factor(epoch: 149, totalEpochs: 240) == 1)
        #expect(abs(step.factor(epoch: 150, totalEpochs: 240) - 0.1) < 1e-15)
        #expect(abs(step.factor(epoch: 239, totalEpochs: 240) - 0.001) < 1e-15)
        #expect(LearningRateSchedule.cosine.factor(epoch: 0, totalEpochs: 10) == 1)
        #expect(abs(LearningRateSchedule.cosine.factor(epoch: 5, totalEpochs: 10) - 0.5) < 1e-15)
        #expect(try LearningRateSchedule(parsing: "step:3:0.5").factor(epoch: 4, totalEpochs: 5) == 0.5)
    }

    @Test(arguments: ["", "warmup", "step", "step:", "step:a,b", "step:10:-1", "cosine:3"])
    func invalidScheduleIsRejected(_ text: String) {
        #expect(throws: TrainingError.invalidSchedule(text)) { try LearningRateSchedule(parsing: text) }
    }
}
