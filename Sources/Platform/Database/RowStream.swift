import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers

/// Reads large result sets column by column straight from the driver, for the few queries that return
/// hundreds of thousands of rows (the trace graph, a project's requirement ids).
///
/// SQLKit's `Decodable` rows cost about 30 µs each — a keyed decoder per row, and on SQLite one event-loop hop
/// per row — which made a 600k-row graph load take 18 s. Here SQLite rows are read on the connection's thread
/// as `sqlite3_step` produces them and PostgreSQL rows are decoded positionally from the binary protocol.
/// Everything else keeps using SQLKit and Fluent.
public enum RowStream {
    /// A value bound to a `$n` placeholder.
    public enum Bind: Sendable {
        case uuid(UUID)
        case string(String)
        case int(Int)
        case bool(Bool)
    }

    /// Runs `sql` — written with `$1`, `$2`, … placeholders — and maps every row. Result column names must be
    /// unique (SQLite rows are looked up by name). `transform` runs on a driver thread, so it must not touch
    /// shared state.
    public static func map<T: Sendable>(_ sql: String, _ binds: [Bind] = [], on database: any Database,
                                        _ transform: @escaping @Sendable (Row) throws -> T) async throws -> [T]
    {
        if let sqlite = database as? any SQLiteDatabase {
            // `?NNN` is SQLite's numbered placeholder; `$NNN` would be a named one.
            let text = sql.replacingOccurrences(of: "$", with: "?")
            let values = binds.map(\.sqlite)
            return try await sqlite.withConnection { connection in
                let rows = Collected<T>()
                try await connection.query(text, values) { row in
                    rows.append(row: row) { names in try transform(Row(sqlite: row, names: names)) }
                }
                return try rows.result()
            }
        }
        if let postgres = database as? any PostgresDatabase {
            var bindings = PostgresBindings()
            for bind in binds {
                switch bind {
                case .uuid(let value): bindings.append(value)
                case .string(let value): bindings.append(value)
                case .int(let value): bindings.append(value)
                case .bool(let value): bindings.append(value)
                }
            }
            let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
            let logger = database.logger
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    var result: [T] = []
                    for try await row in try await connection.query(query, logger: logger) {
                        result.append(try transform(Row(postgres: row.makeRandomAccess())))
                    }
                    return result
                }
            }.get()
        }
        throw RowStreamUnsupported(database: String(describing: type(of: database)))
    }

    /// Runs `sql` for `ids`, 500 at a time: `$ids` in it stands for the chunk's ids, bound after `binds`
    /// (`… WHERE id IN ($ids)`), so the statement text stays a literal and no driver meets thousands of binds.
    public static func map<T: Sendable>(_ sql: String, _ binds: [Bind] = [], ids: [UUID], on database: any Database,
                                        _ transform: @escaping @Sendable (Row) throws -> T) async throws -> [T]
    {
        var result: [T] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let list = (binds.count + 1...binds.count + chunk.count).map { "$\($0)" }.joined(separator: ", ")
            result += try await map(sql.replacingOccurrences(of: "$ids", with: list), binds + chunk.map { .uuid($0) }, on: database, transform)
        }
        return result
    }

    /// One row; columns are read by position, in the order of the SELECT list.
    public struct Row {
        private let sqlite: SQLiteRow?
        private let names: [String]
        private let postgres: PostgresRandomAccessRow?

        init(sqlite: SQLiteRow, names: [String]) {
            self.sqlite = sqlite
            self.names = names
            self.postgres = nil
        }

        init(postgres: PostgresRandomAccessRow) {
            self.sqlite = nil
            self.names = []
            self.postgres = postgres
        }

        public func uuid(_ column: Int) throws -> UUID {
            guard let value = try optionalUUID(column) else { throw RowStreamColumnError(column: column, expected: "a UUID") }
            return value
        }

        public func optionalUUID(_ column: Int) throws -> UUID? {
            if let postgres { return try postgres[column].decode(UUID?.self) }
            switch sqliteValue(column) {
            case .null: return nil
            // Fluent's SQLite encoder stores UUIDs as their 36-character text.
            case .text(let text):
                guard let value = RowStream.parseUUID(text) else { throw RowStreamColumnError(column: column, expected: "a UUID") }
                return value
            default: throw RowStreamColumnError(column: column, expected: "a UUID")
            }
        }

        public func string(_ column: Int) throws -> String {
            if let postgres { return try postgres[column].decode(String.self) }
            guard case .text(let text) = sqliteValue(column) else { throw RowStreamColumnError(column: column, expected: "text") }
            return text
        }

        public func optionalString(_ column: Int) throws -> String? {
            if let postgres { return try postgres[column].decode(String?.self) }
            switch sqliteValue(column) {
            case .null: return nil
            case .text(let text): return text
            default: throw RowStreamColumnError(column: column, expected: "text")
            }
        }

        public func int(_ column: Int) throws -> Int {
            if let postgres { return try postgres[column].decode(Int.self) }
            guard case .integer(let value) = sqliteValue(column) else {
                throw RowStreamColumnError(column: column, expected: "an integer")
            }
            return value
        }

        private func sqliteValue(_ column: Int) -> SQLiteData {
            guard let sqlite, column < names.count else { return .null }
            return sqlite.column(names[column]) ?? .null
        }
    }

    /// `UUID(uuidString:)` goes through `sscanf` on Linux — at 1.2 million ids per graph load that alone took
    /// seconds. This reads the 36-character form (either case) directly.
    static func parseUUID(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else { return nil }
            @inline(__always) func nibble(_ byte: UInt8) -> UInt8? {
                switch byte {
                case 0x30...0x39: byte &- 0x30
                case 0x41...0x46: byte &- 0x37
                case 0x61...0x66: byte &- 0x57
                default: nil
                }
            }
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &uuid) { raw -> Bool in
                var index = 0
                var output = 0
                while index < 36 {
                    if index == 8 || index == 13 || index == 18 || index == 23 { index += 1; continue }
                    guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return false }
                    raw[output] = high << 4 | low
                    output += 1
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: uuid) : nil
        }
    }

    /// Rows collected on the driver's thread; the first error stops collecting and is rethrown.
    private final class Collected<T: Sendable>: @unchecked Sendable {
        private var values: [T] = []
        private var error: (any Error)?
        /// SQLiteNIO exposes columns by name only (`columns` rebuilds an array per call), so the names are
        /// taken once, in SELECT order, from the first row.
        private var names: [String]?
        private let lock = NIOLock()

        func append(row: SQLiteRow, _ make: ([String]) throws -> T) {
            lock.withLock {
                guard error == nil else { return }
                if names == nil { names = row.columns.map(\.name) }
                do { values.append(try make(names!)) } catch { self.error = error }
            }
        }

        func result() throws -> [T] {
            try lock.withLock {
                if let error { throw error }
                return values
            }
        }
    }
}

extension RowStream.Bind {
    var sqlite: SQLiteData {
        switch self {
        case .uuid(let value): .text(value.uuidString)
        case .string(let value): .text(value)
        case .int(let value): .integer(value)
        case .bool(let value): .integer(value ? 1 : 0)
        }
    }
}

public struct RowStreamColumnError: Error, CustomStringConvertible {
    public let column: Int
    public let expected: String
    public var description: String { "result column \(column) is not \(expected)" }
}

public struct RowStreamUnsupported: Error, CustomStringConvertible {
    public let database: String
    public var description: String { "RowStream supports SQLite and PostgreSQL, not \(database)" }
}
