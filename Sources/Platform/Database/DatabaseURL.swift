import Foundation

/// Where the system of record lives: an SQLite file (the zero-configuration default), SQLite in memory
/// (tests), or PostgreSQL (production and scale-out).
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }

    /// A name for logs and the status page: never includes a password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): return "sqlite://\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }

    public var backendName: String { isSQLite ? "SQLite" : "PostgreSQL" }

    /// Parses `sqlite://RELATIVE/PATH`, `sqlite:///ABSOLUTE/PATH`, `sqlite::memory:` and
    /// `postgres://` / `postgresql://` URLs. Relative SQLite paths are resolved against `workingDirectory`.
    public static func parse(_ text: String, workingDirectory: String) -> Result<DatabaseURL, ParseError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "sqlite::memory:" || trimmed == "sqlite://:memory:" { return .success(.sqliteMemory) }
        if trimmed.hasPrefix("sqlite://") {
            let path = String(trimmed.dropFirst("sqlite://".count))
            guard !path.isEmpty else { return .failure(.init(reason: "the SQLite URL has no file path")) }
            let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
            return .success(.sqliteFile(path: (absolute as NSString).standardizingPath))
        }
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty else {
                return .failure(.init(reason: "the PostgreSQL URL has no host"))
            }
            guard components.path.count > 1 else {
                return .failure(.init(reason: "the PostgreSQL URL names no database (postgres://user@host:5432/DBNAME)"))
            }
            return .success(.postgres(url: trimmed))
        }
        return .failure(.init(reason: "expected sqlite://PATH or postgres://USER@HOST:PORT/DB, got '\(text)'"))
    }

    public struct ParseError: Error, Sendable, Equatable {
        public let reason: String
    }
}
