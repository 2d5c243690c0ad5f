/// Every error the Statistics module throws: invalid data, arguments out of range, and
/// failures reported by GSL.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    /// A sample had fewer values than the named statistic needs.
    case tooFewValues(statistic: String, required: Int, actual: Int)
    /// A value was NaN or infinite; `index` counts from 0 in the input order.
    case nonFiniteValue(index: Int, value: Double)
    /// A paired statistic was given groups of different sizes.
    case unequalPairCounts(first: Int, second: Int)
    /// An argument lay outside its valid range, such as a confidence level of 1.5.
    case invalidArgument(name: String, value: Double, expected: String)
    /// A statistic divides by a spread that is zero, as a t statistic of identical values does.
    case zeroSpread(statistic: String)
    /// The runs of a variance decomposition do not form a complete, balanced crossed design.
    case unbalancedDesign(reason: String)
    /// A GSL routine failed; `arguments` lists its inputs.
    case gslFailure(function: String, arguments: [Double])

    public var description: String {
        switch self {
        case .tooFewValues(let statistic, let required, let actual):
            return "\(statistic) needs at least \(required) values, got \(actual)"
        case .nonFiniteValue(let index, let value):
            return "value \(index + 1) is \(value); every value must be a finite number"
        case .unequalPairCounts(let first, let second):
            return "paired groups must have equal sizes, got \(first) and \(second)"
        case .invalidArgument(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        case .zeroSpread(let statistic):
            return "\(statistic) is undefined because the values have zero spread"
        case .unbalancedDesign(let reason):
            return "the runs do not form a balanced crossed design: \(reason)"
        case .gslFailure(let function, let arguments):
            let list = arguments.map { "\($0)" }.joined(separator: ", ")
            return "GSL's \(function)(\(list)) failed"
        }
    }
}
