import CSQLite
import Foundation

/// The one wrapper of SQLite: open, execute, query, with every status code checked.
///
/// Connections wait up to `busyTimeout` for another process's write lock, so several
/// runners and workers can share one store.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    let path: String

    static let busyTimeoutMilliseconds: Int32 = 30_000

    /// SQLite's destructor value that makes it copy bound text and blobs.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens `path`; `create` allows a new file.
    init(path: String, create: Bool) throws {
        self.path = path
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            handle = nil
            throw ExperimentsError.database(path: path, message: message)
        }
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close(handle)
    }

    /// Runs SQL that returns no rows (several statements allowed).
    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(error)
            throw ExperimentsError.database(path: path, message: message)
        }
    }

    /// Runs one statement with bound values and returns every row.
    @discardableResult
    func query(_ sql: String, _ values: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil), sql: sql)
        defer { sqlite3_finalize(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .null: try check(sqlite3_bind_null(statement, position), sql: sql)
            case .integer(let number): try check(sqlite3_bind_int64(statement, position, number), sql: sql)
            case .real(let number): try check(sqlite3_bind_double(statement, position, number), sql: sql)
            case .text(let text): try check(sqlite3_bind_text(statement, position, text, -1, Self.transient), sql: sql)
            }
        }
        var rows: [[SQLiteValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            try check(status == SQLITE_ROW ? SQLITE_OK : status, sql: sql)
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
                case SQLITE_NULL: return .null
                default: return .text(String(cString: sqlite3_column_text(statement, column)))
                }
            })
        }
        return rows
    }

    /// Runs `body` in one write transaction, taken immediately so that two processes never
    /// interleave their reads and writes.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func check(_ status: Int32, sql: String) throws {
        guard status == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(handle))
            throw ExperimentsError.database(path: path, message: "\(message) (in: \(sql.prefix(80)))")
        }
    }
}

/// A value bound to or read from SQLite.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var int: Int? {
        if case .integer(let value) = self { return Int(value) }
        return nil
    }

    var double: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
}
