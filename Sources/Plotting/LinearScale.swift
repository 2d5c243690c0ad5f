/// Maps data values in `domain` linearly onto the points between `rangeStart` and `rangeEnd`.
/// A y scale runs from the bottom of the plot area (`rangeStart`) to its top.
struct LinearScale {
    var domainLower: Double
    var domainUpper: Double
    var rangeStart: Double
    var rangeEnd: Double

    init(domain ticks: NiceTicks, rangeStart: Double, rangeEnd: Double) {
        self.init(domainLower: ticks.lower, domainUpper: ticks.upper, rangeStart: rangeStart, rangeEnd: rangeEnd)
    }

    init(domainLower: Double, domainUpper: Double, rangeStart: Double, rangeEnd: Double) {
        precondition(domainLower < domainUpper, "a scale needs a non-empty domain")
        self.domainLower = domainLower
        self.domainUpper = domainUpper
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    func callAsFunction(_ value: Double) -> Double {
        rangeStart + (value - domainLower) / (domainUpper - domainLower) * (rangeEnd - rangeStart)
    }
}
