import Testing
import Statistics

struct SummaryIntervalTests {
    /// SciPy 1.17: `stats.t.interval(0.95, 63, loc=0.8123, scale=0.0412 / math.sqrt(64))`.
    @Test
    func meanIntervalFromSummaryMatchesSciPy() throws {
        let estimate = try Estimate.meanInterval(mean: 0.8123, standardDeviation: 0.0412, count: 64)
        #expect(abs(estimate.interval.lower - 0.8020085462060182) < 1e-12)
        #expect(abs(estimate.interval.upper - 0.8225914537939818) < 1e-12)
        #expect(estimate.count == 64)
    }

    @Test
    func meanIntervalFromSummaryRejectsBadInput() {
        #expect(throws: StatisticsError.self) { try Estimate.meanInterval(mean: 1, standardDeviation: 1, count: 1) }
        #expect(throws: StatisticsError.self) { try Estimate.meanInterval(mean: .nan, standardDeviation: 1, count: 5) }
        #expect(throws: StatisticsError.self) {
            try Estimate.meanInterval(mean: 1, standardDeviation: 1, count: 5, level: 1.5)
        }
    }
}
