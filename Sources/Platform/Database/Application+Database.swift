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
            databases.use(.serialSQLite(.memory), as: .sqlite)
        case .sqliteFile(let path):
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            databases.use(.serialSQLite(.file(path)), as: .sqlite)
        case .postgres(let raw):
            var configuration = try SQLPostgresConfiguration(url: raw)
            // Fail a request fast when PostgreSQL is unreachable instead of holding it for the 10 s default.
            configuration.coreConfiguration.options.connectTimeout = .seconds(5)
            databases.use(
                // A waiting request may queue behind a burst of writers serialised on one lock (the audit chain,
                // a project's revision row); 5 s failed such bursts under load. An unreachable database still
                // fails fast through the connect timeout above.
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4,
                          connectionPoolTimeout: .seconds(30), encodingContext: .default, decodingContext: .default,
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
/// Within one process there is a single connection (`SerialSQLiteConfiguration`); `busy_timeout` matters when
/// other processes share the file (a CLI command next to `sesa serve`, a separate `sesa worker`). sqlite-nio
/// installs a busy handler that retries forever without sleeping; `busy_timeout` replaces it with SQLite's
/// sleeping one and turns a stuck lock into an error after 5 s. WAL lets other processes read beside a writer.
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
