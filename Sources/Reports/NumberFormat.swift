import Foundation

/// Number formats of the page. `String(format:)` without a locale uses the POSIX locale on
/// every platform, so the decimal mark is always a point.
enum NumberFormat {
    /// The minus sign of the page, U+2212, which aligns with the plus sign.
    static let minus = "\u{2212}"

    /// A fraction as a percentage with two decimals and no sign, such as "71.23".
    static func percent(_ fraction: Double) -> String {
        signed(fraction * 100, digits: 2)
    }

    /// A value with `digits` decimals and a true minus sign, such as "−0.40".
    static func signed(_ value: Double, digits: Int = 2) -> String {
        let text = String(format: "%.\(digits)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return value < 0 && !isZero ? minus + text : text
    }

    /// A p-value with two significant digits, or "< 0.001".
    static func pValue(_ p: Double) -> String {
        if p < 0.001 {
            return "< 0.001"
        }
        return "= " + String(format: "%.2g", p)
    }

    /// Formats a small probability with four significant digits, such as "0.04512".
    static func probability(_ value: Double) -> String {
        let text = String(format: "%#.4g", abs(value))
        return value < 0 ? minus + text : text
    }

    /// A temperature such as 4 or 2.5, with no trailing zeros.
    static func temperature(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 {
            return String(Int(value))
        }
        return String(format: "%g", value)
    }

    /// A count with its noun, singular for one: "1 pair", "3 pairs".
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? singular : (plural ?? singular + "s"))
    }
}
