/// A position in points, the canvas unit before the scale factor; y grows downwards.
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in points.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// The rectangle shrunk by the given amounts on each side.
    func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }
}

/// Where a text's anchor point sits on the text's box.
enum HorizontalAlignment {
    case leading, center, trailing
}

enum VerticalAlignment {
    /// The anchor is at the top of the font's ascent.
    case top
    /// The anchor is halfway between ascent and descent, which centres digits and capitals.
    case center
    case baseline
    /// The anchor is at the bottom of the font's descent.
    case bottom
}
