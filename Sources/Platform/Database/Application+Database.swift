import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

extension Application {
    /// Registers the configured database as the default one and, for SQLite, makes sure its directory exists
    /// and its connections are tuned (`SQLiteTuning`).
    public func configureDatabase(_ url: DatabaseURL) async throws {
        switch url {
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .sqliteFile(let path):
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let raw):
            var configuration = try SQLPostgresConfiguration(url: raw)
            // Fail a request fast when PostgreSQL is unreachable instead of holding it for the 10 s default.
            configuration.coreConfiguration.options.connectTimeout = .seconds(5)
            databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4,
                          connectionPoolTimeout: .seconds(5), encodingContext: .default, decodingContext: .default,
                          sqlLogLevel: .trace),
                as: .psql)
        }
        if url.isSQLite { try await SQLiteTuning.apply(to: self) }
    }

    /// The default database as SQLKit, for hand-written queries.
    public var sql: any SQLDatabase { db as! any SQLDatabase }
}

/// SQLite connection settings that Fluent's driver has no option for.
///
/// fluent-sqlite-driver keeps exactly one connection per event loop (it ignores `maxConnectionsPerEventLoop`),
/// and sqlite-nio installs a busy handler that retries forever without sleeping. So at boot we visit each
/// event loop's connection once: WAL lets readers run beside the writer, and `busy_timeout` replaces the
/// spinning handler with SQLite's sleeping one and turns a stuck lock into an error after 5 s.
enum SQLiteTuning {
    static let busyTimeoutMilliseconds = 5000

    static func apply(to app: Application) async throws {
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode = WAL").run()
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let database = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase
            else { continue }
            try await database.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
            try await database.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}
