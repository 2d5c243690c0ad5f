import ImageIO

/// Every error the Plotting module throws: invalid chart data and failures of cairo or of
/// the PNG encoder.
///
/// Charts reject NaN and infinite values instead of skipping them, because a gap drawn
/// silently would hide a broken run.
public enum PlottingError: Error, Equatable, CustomStringConvertible {
    /// The chart, or one of its series, groups or panels, had nothing to draw.
    case emptyInput(chart: String, item: String)
    /// A value was NaN or infinite; `field` names it (such as "points[3].upper").
    case nonFiniteValue(chart: String, item: String, field: String, value: Double)
    /// An interval's lower bound lay above its upper bound.
    case invertedInterval(chart: String, item: String, index: Int, lower: Double, upper: Double)
    /// Parallel arrays, such as temperatures and derived averages, had different lengths.
    case lengthMismatch(chart: String, item: String, expected: Int, actual: Int)
    /// An argument lay outside its valid range, such as a non-positive chart size.
    case invalidArgument(name: String, value: Double, expected: String)
    /// A cairo call failed; `message` is cairo's own text.
    case cairoFailure(operation: String, message: String)
    /// The PNG encoder rejected the rendered image.
    case encodingFailed(ImageIOError)

    public var description: String {
        switch self {
        case .emptyInput(let chart, let item):
            return "\(chart): \(item) is empty; give at least one value to plot"
        case .nonFiniteValue(let chart, let item, let field, let value):
            return "\(chart): \(item) has \(field) = \(value); every plotted value must be a finite number"
        case .invertedInterval(let chart, let item, let index, let lower, let upper):
            return "\(chart): interval \(index) of \(item) has lower bound \(lower) above upper bound \(upper)"
        case .lengthMismatch(let chart, let item, let expected, let actual):
            return "\(chart): \(item) has \(actual) values, expected \(expected) to match its other arrays"
        case .invalidArgument(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        case .cairoFailure(let operation, let message):
            return "cairo failed in \(operation): \(message)"
        case .encodingFailed(let error):
            return "PNG encoding of the chart failed: \(error)"
        }
    }
}
