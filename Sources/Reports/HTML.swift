/// Escaping and small element builders for the report page. Every string from the input
/// passes through `escape` before it reaches the page.
enum HTML {
    /// Replaces the five characters that are special in HTML text and quoted attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A table row of header or data cells whose contents are already HTML.
    static func row(_ cells: [String], header: Bool = false) -> String {
        let tag = header ? "th" : "td"
        return "<tr>" + cells.map { "<\(tag)>\($0)</\(tag)>" }.joined() + "</tr>\n"
    }

    /// A table with a caption, a header row and data rows; all texts are HTML already.
    static func table(caption: String, header: [String], rows: [[String]], className: String? = nil) -> String {
        let classAttribute = className.map { " class=\"\($0)\"" } ?? ""
        var html = "<table\(classAttribute)>\n<caption>\(caption)</caption>\n<thead>\n"
        html += row(header, header: true)
        html += "</thead>\n<tbody>\n"
        for cells in rows {
            html += row(cells)
        }
        html += "</tbody>\n</table>\n"
        return html
    }
}
