import Plotting
import Testing

// Expected values worked by hand from Heckbert's loose labelling: range = nice(max - min,
// not rounded), step = nice(range / (count - 1), rounded), bounds = floor/ceil(min, max / step).

@Test func niceNumberRoundsToOneTwoFive() {
    #expect(NiceTicks.niceNumber(1.4, rounded: true) == 1)
    #expect(NiceTicks.niceNumber(2.5, rounded: true) == 2)
    #expect(NiceTicks.niceNumber(3.2, rounded: true) == 5)
    #expect(NiceTicks.niceNumber(7.5, rounded: true) == 10)
    #expect(NiceTicks.niceNumber(51, rounded: false) == 100)
    #expect(NiceTicks.niceNumber(0.3, rounded: false) == 0.5)
    #expect(NiceTicks.niceNumber(2, rounded: false) == 2)
}

@Test func unitRangeGetsTicksOfTwoTenths() {
    // range nice(1) = 1; step nice(0.25, rounded) = 0.2.
    let ticks = NiceTicks(minimum: 0, maximum: 1)
    #expect(ticks.step == 0.2)
    #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(ticks.fractionDigits == 1)
    #expect(ticks.values.map(ticks.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
}

@Test func rangeAcrossZeroGetsTicksOfTwenty() {
    // range nice(51) = 100; step nice(25, rounded) = 20; floor(-3.2 / 20) = -1; ceil(47.8 / 20) = 3.
    let ticks = NiceTicks(minimum: -3.2, maximum: 47.8)
    #expect(ticks.values == [-20, 0, 20, 40, 60])
    #expect(ticks.values.map(ticks.label) == ["-20", "0", "20", "40", "60"])
}

@Test func accuracyRangeGetsTicksOfOneHundredth() {
    // range nice(0.043) = 0.05; step nice(0.0125, rounded) = 0.01; bounds 0.68 and 0.74.
    let ticks = NiceTicks(minimum: 0.688, maximum: 0.731)
    #expect(ticks.values == [0.68, 0.69, 0.70, 0.71, 0.72, 0.73, 0.74])
    #expect(ticks.fractionDigits == 2)
    #expect(ticks.label(0.7) == "0.70")
}

@Test func equalBoundsAreWidened() {
    // 5 widens to 4.5...5.5: range nice(1) = 1, step 0.2, bounds 4.4 and 5.6.
    let ticks = NiceTicks(minimum: 5, maximum: 5)
    #expect(ticks.values == [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6])
    let zero = NiceTicks(minimum: 0, maximum: 0)
    #expect(zero.values == [-1, -0.5, 0, 0.5, 1])
    #expect(zero.label(0) == "0.0")
}

@Test func ticksEncloseTheDataRange() {
    let cases: [(Double, Double)] = [(0.0013, 0.0097), (-7, 3), (1, 240), (0.5, 0.5001), (-1e6, 2e6)]
    for (minimum, maximum) in cases {
        let ticks = NiceTicks(minimum: minimum, maximum: maximum)
        #expect(ticks.lower <= minimum, "lower bound for \(minimum)...\(maximum)")
        #expect(ticks.upper >= maximum, "upper bound for \(minimum)...\(maximum)")
        #expect((3...11).contains(ticks.values.count), "tick count for \(minimum)...\(maximum)")
    }
}
