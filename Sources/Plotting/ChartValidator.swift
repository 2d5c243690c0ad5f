/// Checks chart inputs and throws `PlottingError`s that name the chart and the offending item.
struct ChartValidator {
    /// The chart kind as error messages name it, such as "learning curve chart".
    let chart: String

    func requireNonEmpty(_ count: Int, item: String) throws {
        guard count > 0 else { throw PlottingError.emptyInput(chart: chart, item: item) }
    }

    func requireFinite(_ value: Double, item: String, field: String) throws {
        guard value.isFinite else {
            throw PlottingError.nonFiniteValue(chart: chart, item: item, field: field, value: value)
        }
    }

    func requireFinite(_ values: [Double], item: String, field: String) throws {
        for (index, value) in values.enumerated() {
            try requireFinite(value, item: item, field: "\(field)[\(index)]")
        }
    }

    /// Checks that both bounds are finite and in order; `index` numbers the interval in `item`.
    func requireInterval(lower: Double, upper: Double, item: String, index: Int, field: String) throws {
        try requireFinite(lower, item: item, field: "\(field).lower")
        try requireFinite(upper, item: item, field: "\(field).upper")
        guard lower <= upper else {
            throw PlottingError.invertedInterval(chart: chart, item: item, index: index, lower: lower, upper: upper)
        }
    }

    func requireLength(_ actual: Int, expected: Int, item: String) throws {
        guard actual == expected else {
            throw PlottingError.lengthMismatch(chart: chart, item: item, expected: expected, actual: actual)
        }
    }
}
