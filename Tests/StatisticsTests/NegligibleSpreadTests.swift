import Testing
import Statistics

/// Differences that are equal up to rounding have no spread, so the t statistic is undefined
/// rather than huge.
struct NegligibleSpreadTests {
    // 75.1 - 76.0, 75.4 - 76.3 and 74.9 - 75.8 are all -0.9, but not bit for bit in binary:
    // their sd is about 1e-15, which once gave t = -1.9e14.
    let a = try! Sample([75.1, 75.4, 74.9])
    let b = try! Sample([76.0, 76.3, 75.8])

    @Test
    func pairedTestRejectsRoundingNoise() {
        #expect(throws: StatisticsError.zeroSpread(statistic: "the one-sample t statistic")) {
            try TTest.paired(self.a, self.b)
        }
        #expect(throws: StatisticsError.zeroSpread(statistic: "the paired effect size")) {
            try EffectSize.pairedD(self.a, self.b)
        }
    }

    @Test
    func smallRealSpreadIsKept() throws {
        // Differences -0.9, -0.9, -0.91: a real (if tiny) spread of 0.0058.
        let result = try TTest.paired(a, Sample([76.0, 76.3, 75.81]))
        #expect(result.statistic.isFinite)
        #expect(abs(result.statistic) < 1000)
    }
}
