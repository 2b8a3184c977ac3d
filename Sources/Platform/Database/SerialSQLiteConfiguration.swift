import FluentKit
import FluentSQLiteDriver
import Foundation
import NIOCore

/// SQLite through exactly one connection per process.
///
/// fluent-sqlite-driver opens one connection per event loop, and SQLite lets one of them write at a time; the
/// others wait in SQLite's busy handler, which — in the SQLite that sqlite-nio bundles, built without
/// `usleep` — sleeps in whole seconds. Under a little concurrency (a user saving while the worker claims a
/// job) that meant one-second stalls and, past `busy_timeout`, "database is locked" errors. Giving the pool a
/// single event loop makes it a single connection: statements and transactions queue in the pool instead, in
/// order and without sleeping, and SQLite never sees two writers from this process. Readers queue too, which
/// is the price of the embedded default; PostgreSQL is the path for concurrency.
struct SerialSQLiteConfiguration: DatabaseConfiguration {
    var inner: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        let loop = databases.eventLoopGroup.next()
        let single = Databases(threadPool: databases.threadPool, on: loop)
        return SerialSQLiteDriver(inner: inner.makeDriver(for: single), eventLoop: loop)
    }
}

/// Hands every caller the database of the one pool, whatever event loop the caller runs on.
struct SerialSQLiteDriver: DatabaseDriver {
    let inner: any DatabaseDriver
    let eventLoop: any EventLoop

    func makeDatabase(with context: DatabaseContext) -> any Database {
        inner.makeDatabase(with: DatabaseContext(
            configuration: context.configuration, logger: context.logger, eventLoop: eventLoop,
            history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace))
    }

    func shutdown() { inner.shutdown() }
    func shutdownAsync() async { await inner.shutdownAsync() }
}

extension DatabaseConfigurationFactory {
    /// SQLite on one connection (`SerialSQLiteConfiguration`). Queued statements wait up to 60 s for it, so a
    /// long import delays other requests rather than failing them.
    static func serialSQLite(_ configuration: SQLiteConfiguration) -> DatabaseConfigurationFactory {
        .init {
            SerialSQLiteConfiguration(inner: DatabaseConfigurationFactory.sqlite(
                configuration, connectionPoolTimeout: .seconds(60), sqlLogLevel: .trace).make())
        }
    }
}
