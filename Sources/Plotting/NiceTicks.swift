import Foundation

/// Axis ticks at "nice" values (1, 2 or 5 times a power of ten) that enclose a data range,
/// after Heckbert, "Nice Numbers for Graph Labels", Graphics Gems (1990), loose labelling.
public struct NiceTicks: Equatable, Sendable {
    /// The first tick, at or below the data minimum.
    public let lower: Double
    /// The last tick, at or above the data maximum.
    public let upper: Double
    /// The distance between neighbouring ticks.
    public let step: Double
    /// Digits after the decimal point that show every tick exactly, and no more.
    public let fractionDigits: Int

    /// Chooses ticks for data in `minimum...maximum`, aiming at `targetCount` ticks; the result
    /// has between about half and twice that many. Equal bounds are widened around the value,
    /// because an axis needs a non-empty range.
    public init(minimum: Double, maximum: Double, targetCount: Int = 5) {
        precondition(minimum.isFinite && maximum.isFinite && minimum <= maximum,
                     "ticks need finite bounds in order, got \(minimum) and \(maximum)")
        precondition(targetCount >= 2, "ticks need a target count of at least 2")
        var low = minimum
        var high = maximum
        if low == high {
            let halfWidth = low == 0 ? 1 : abs(low) * 0.1
            low -= halfWidth
            high += halfWidth
        }

        let range = Self.niceNumber(high - low, rounded: false)
        let step = Self.niceNumber(range / Double(targetCount - 1), rounded: true)
        self.step = step
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
        fractionDigits = max(0, -Int(log10(step).rounded(.down)))
    }

    /// The tick values from `lower` to `upper`, each computed from its index so rounding errors
    /// do not accumulate, and snapped to `fractionDigits` decimals.
    public var values: [Double] {
        let count = Int(((upper - lower) / step).rounded()) + 1
        let scale = pow(10, Double(fractionDigits))
        return (0..<count).map { index in
            let value = ((lower + Double(index) * step) * scale).rounded() / scale
            return value == 0 ? 0 : value  // no "-0" label
        }
    }

    /// Formats `value` as a tick label with `fractionDigits` decimals.
    public func label(_ value: Double) -> String {
        Self.format(value, fractionDigits: fractionDigits)
    }

    static func format(_ value: Double, fractionDigits: Int) -> String {
        let text = String(format: "%.\(fractionDigits)f", value)
        let isNegativeZero = text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        return isNegativeZero ? String(text.dropFirst()) : text
    }

    /// Finds a number of the form 1, 2, 5 or 10 times a power of ten near `x`: the nearest such
    /// number when `rounded`, otherwise the smallest one at or above `x`.
    public static func niceNumber(_ x: Double, rounded: Bool) -> Double {
        precondition(x > 0 && x.isFinite, "nice numbers need a positive finite value, got \(x)")
        let exponent = log10(x).rounded(.down)
        let power = pow(10, exponent)
        let fraction = x / power
        // Heckbert's thresholds: rounding splits at 1.5, 3 and 7; the ceiling splits at 1, 2 and 5.
        let thresholds: [(limit: Double, nice: Double)] = rounded
            ? [(1.5, 1), (3, 2), (7, 5)]
            : [(1, 1), (2, 2), (5, 5)]
        let niceFraction = thresholds.first { rounded ? fraction < $0.limit : fraction <= $0.limit }?.nice ?? 10
        return niceFraction * power
    }
}
