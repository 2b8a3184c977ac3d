import Foundation
import Platform
import SesaApp
import Vapor

/// Provides a database (temporary SQLite file or fresh PostgreSQL database) that outlives single apps, for
/// tests that run several commands against the same data.
public func withDatabase(on database: TestDatabase, migrated: Bool = false, _ body: (String) async throws -> Void)
    async throws
{
    let (url, cleanup) = try await prepareTestDatabase(database, migrated: migrated)
    do {
        try await body(url)
    } catch {
        await cleanup()
        throw error
    }
    await cleanup()
}

/// Runs `sesa ARGUMENTS…` in-process the way `main` does, returning its exit status.
public func runSesa(
    _ arguments: [String], databaseURL: String, environment: [String: String] = [:],
    prepare: (Application) -> Void = { _ in }
) async throws -> Int32 {
    var config = try TestConfig.make(databaseURL: databaseURL, environment: environment)
    config.logLevel = .warning
    let app = try await Application.make(Environment(name: "testing", arguments: ["sesa"] + arguments))
    var status: Int32 = 0
    do {
        try await SesaApp.configure(app, config: config)
        prepare(app)
        try await app.execute()
    } catch let exit as CommandExit {
        status = exit.code
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
    return status
}

/// A configured app on an existing database (for tests that need two "processes" on one database).
public func makeApp(databaseURL: String, migrate: Bool) async throws -> Application {
    let app = try await Application.make(.testing)
    do {
        var config = try TestConfig.make(databaseURL: databaseURL)
        config.logLevel = .warning
        try await SesaApp.configure(app, config: config)
        if migrate { try await app.autoMigrate() }
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    return app
}
