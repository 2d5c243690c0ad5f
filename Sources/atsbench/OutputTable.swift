import Foundation

/// One cell of an output table.
enum OutputCell {
    case number(Double)
    /// A probability, shown with 4 significant digits in tables.
    case pValue(Double)
    case integer(Int)
    case text(String)
    case boolean(Bool)
    case missing
}

/// The output of a command: named columns and rows of cells, printed as an
/// aligned table, CSV or JSON.
struct OutputTable {
    let columns: [String]
    var rows: [[OutputCell]] = []

    enum Format: String, CaseIterable {
        case table, csv, json
    }

    func render(_ format: Format) -> String {
        switch format {
        case .table: return rows.count == 1 ? renderTransposed() : renderAligned()
        case .csv: return renderCSV()
        case .json: return renderJSON()
        }
    }

    /// Prints one line per row in aligned columns, numbers right-aligned.
    private func renderAligned() -> String {
        let texts = rows.map { $0.map(Self.displayText) }
        let widths = columns.indices.map { column in
            texts.reduce(columns[column].count) { max($0, $1[column].count) }
        }
        var lines = [zip(columns, widths).map { pad($0, to: $1, right: false) }.joined(separator: "  ")]
        for (row, rowTexts) in zip(rows, texts) {
            let cells = columns.indices.map { column in
                pad(rowTexts[column], to: widths[column], right: Self.isNumeric(row[column]))
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }

    /// Prints a single row as one line per column, easier to read than one very wide line.
    private func renderTransposed() -> String {
        let width = columns.map(\.count).max() ?? 0
        return zip(columns, rows[0]).map { name, cell in
            pad(name, to: width, right: false) + "  " + Self.displayText(cell)
        }.joined(separator: "\n")
    }

    private func renderCSV() -> String {
        var lines = [columns.map(Self.quotedForCSV).joined(separator: ",")]
        for row in rows {
            lines.append(row.map { Self.quotedForCSV(Self.exactText($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    private func renderJSON() -> String {
        let objects = rows.map { row in
            "  {" + zip(columns, row).map { name, cell in
                Self.jsonString(name) + ": " + Self.jsonValue(cell)
            }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    private func pad(_ text: String, to width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    private static func isNumeric(_ cell: OutputCell) -> Bool {
        switch cell {
        case .number, .pValue, .integer: return true
        case .text, .boolean, .missing: return false
        }
    }

    /// Formats a cell for people: 6 significant digits, p-values 4, a dash for no value.
    private static func displayText(_ cell: OutputCell) -> String {
        switch cell {
        case .number(let value): return String(format: "%.6g", value)
        case .pValue(let value): return String(format: "%.4g", value)
        case .missing: return "-"
        default: return exactText(cell)
        }
    }

    /// Formats a cell for programs: every number in Swift's shortest exact decimal form.
    private static func exactText(_ cell: OutputCell) -> String {
        switch cell {
        case .number(let value), .pValue(let value): return "\(value)"
        case .integer(let value): return "\(value)"
        case .text(let value): return value
        case .boolean(let value): return value ? "yes" : "no"
        case .missing: return ""
        }
    }

    private static func quotedForCSV(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func jsonValue(_ cell: OutputCell) -> String {
        switch cell {
        case .number(let value), .pValue(let value): return "\(value)"
        case .integer(let value): return "\(value)"
        case .text(let value): return jsonString(value)
        case .boolean(let value): return value ? "true" : "false"
        case .missing: return "null"
        }
    }

    private static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    escaped += String(format: "\\u%04x", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }
}

extension Arguments {
    /// Removes `--format table|csv|json` (default table).
    mutating func outputFormat() throws -> OutputTable.Format {
        guard let text = try value("--format") else { return .table }
        guard let format = OutputTable.Format(rawValue: text) else {
            throw CommandLineError.invalidValue(option: "--format", value: text, expected: "table, csv or json")
        }
        return format
    }
}
