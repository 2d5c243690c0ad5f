import Foundation
import Statistics

/// A named group of values for `atsbench stats`, such as the final accuracies of one
/// configuration's runs.
struct StatsGroup {
    let label: String
    let sample: Sample
}

/// The source of one group of values. A result-store case (selecting runs by experiment,
/// model, method and teacher) belongs here once the store exists.
enum StatsGroupSource {
    /// Comma-separated numbers from the command line, such as `76.20,75.80,75.89`.
    case list(label: String, text: String)
    /// One named column of a CSV file whose first line is a header. Empty cells are skipped,
    /// so columns of different lengths can share a file.
    case csvColumn(path: String, column: String)
    /// Values already read, such as final accuracies selected from a result store.
    case values(label: String, values: [Double])

    var label: String {
        switch self {
        case .list(let label, _): return label
        case .csvColumn(_, let column): return column
        case .values(let label, _): return label
        }
    }

    /// Reads and validates the group's values.
    func load() throws -> StatsGroup {
        let values: [Double]
        switch self {
        case .list(let label, let text):
            values = try Self.parseList(text, label: label)
        case .csvColumn(let path, let column):
            values = try CSVColumnReader(path: path).values(ofColumn: column)
        case .values(_, let given):
            values = given
        }
        do {
            return StatsGroup(label: label, sample: try Sample(values))
        } catch let error as StatisticsError {
            throw StatsInputError.invalidGroup(label: label, reason: error.description)
        }
    }

    private static func parseList(_ text: String, label: String) throws -> [Double] {
        let tokens = text.split(separator: ",", omittingEmptySubsequences: false)
        return try tokens.enumerated().map { index, token in
            let trimmed = token.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed) else {
                throw StatsInputError.notANumber(text: trimmed, location: "item \(index + 1) of \(label)")
            }
            return value
        }
    }
}

/// Reads numeric columns from a CSV file (RFC 4180 quoting, no line breaks inside fields).
struct CSVColumnReader {
    let path: String
    private let header: [String]
    private let rows: [[String]]

    init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StatsInputError.fileNotReadable(path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StatsInputError.invalidCSV(path: path, reason: "the file is not UTF-8 text")
        }
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        guard let first = lines.first else {
            throw StatsInputError.invalidCSV(path: path, reason: "the file is empty; expected a header line")
        }
        header = Self.fields(of: first)
        rows = lines.dropFirst().map(Self.fields)
    }

    /// Parses the non-empty cells of `column` as numbers.
    func values(ofColumn column: String) throws -> [Double] {
        guard let index = header.firstIndex(of: column) else {
            throw StatsInputError.columnNotFound(path: path, column: column, available: header)
        }
        var values: [Double] = []
        for (rowIndex, row) in rows.enumerated() where index < row.count {
            let cell = row[index].trimmingCharacters(in: .whitespaces)
            if cell.isEmpty {
                continue
            }
            guard let value = Double(cell) else {
                // Line numbers count the header as line 1.
                throw StatsInputError.notANumber(
                    text: cell, location: "\(path) line \(rowIndex + 2), column \(column)")
            }
            values.append(value)
        }
        return values
    }

    /// Splits one line into fields. A field in double quotes may contain commas, and `""`
    /// inside it is an escaped quote.
    private static func fields(of line: Substring) -> [String] {
        let characters = Array(line)
        var fields: [String] = []
        var current = ""
        var isQuoted = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isQuoted {
                if character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        current.append("\"")
                        index += 1
                    } else {
                        isQuoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.isEmpty {
                isQuoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        fields.append(current)
        return fields
    }
}

enum StatsInputError: Error, CustomStringConvertible {
    case notANumber(text: String, location: String)
    case fileNotReadable(path: String)
    case invalidCSV(path: String, reason: String)
    case columnNotFound(path: String, column: String, available: [String])
    case invalidGroup(label: String, reason: String)

    var description: String {
        switch self {
        case .notANumber(let text, let location):
            return "'\(text)' (\(location)) is not a number"
        case .fileNotReadable(let path):
            return "cannot read '\(path)': the file is missing or not readable"
        case .invalidCSV(let path, let reason):
            return "invalid CSV file '\(path)': \(reason)"
        case .columnNotFound(let path, let column, let available):
            return "column '\(column)' not found in '\(path)'; its columns are: \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case .invalidGroup(let label, let reason):
            return "group '\(label)': \(reason)"
        }
    }
}
