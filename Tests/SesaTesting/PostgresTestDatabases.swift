import Foundation
import Logging
import NIOPosix
import PostgresNIO
import SesaApp
import Vapor

/// Gives each test its own PostgreSQL database, cloned from a template that is migrated once per test process
/// (`CREATE DATABASE … TEMPLATE …` takes milliseconds; migrating per test would not).
actor PostgresTestDatabases {
    static let shared = PostgresTestDatabases()

    /// One creation shared by every caller: the actor is re-entered at each `await`, so a plain flag would let
    /// concurrent tests all try to create the template.
    private var template: Task<String, any Error>?
    private let processTag = String(UUID().uuidString.prefix(8)).lowercased()
    private var counter = 0

    /// Creates a fresh database and returns its URL. `migrated: false` gives an empty database.
    func create(adminURL: String, migrated: Bool) async throws -> (name: String, url: String) {
        counter += 1
        let name = "sesa_t_\(processTag)_\(counter)"
        if migrated {
            let template = try await ensureTemplate(adminURL: adminURL)
            try await Self.execute("CREATE DATABASE \(name) TEMPLATE \(template)", adminURL: adminURL)
        } else {
            try await Self.execute("CREATE DATABASE \(name)", adminURL: adminURL)
        }
        return (name, Self.url(adminURL, database: name))
    }

    func drop(_ name: String, adminURL: String) async {
        try? await Self.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", adminURL: adminURL)
    }

    private func ensureTemplate(adminURL: String) async throws -> String {
        if let template { return try await template.value }
        let name = "sesa_tpl_\(processTag)"
        let task = Task { try await Self.createTemplate(name: name, adminURL: adminURL) }
        template = task
        return try await task.value
    }

    private static func createTemplate(name: String, adminURL: String) async throws -> String {
        try await execute("CREATE DATABASE \(name)", adminURL: adminURL)
        let app = try await Application.make(.testing)
        do {
            var config = try TestConfig.make(databaseURL: Self.url(adminURL, database: name))
            config.logLevel = .warning
            try await SesaApp.configure(app, config: config)
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }

    static func url(_ adminURL: String, database: String) -> String {
        var components = URLComponents(string: adminURL)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs one statement on the admin database (names here are generated above, never user input).
    private static func execute(_ statement: String, adminURL: String) async throws {
        guard let url = URLComponents(string: adminURL), let host = url.host else {
            throw Abort(.internalServerError, reason: "SESA_TEST_POSTGRES_URL is not a URL: \(adminURL)")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
            database: String(url.path.dropFirst()).isEmpty ? "postgres" : String(url.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
            logger: Logger(label: "sesa.test.postgres"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "sesa.test.postgres"))
        } catch {
            try? await connection.close()
            throw PostgresSetupError(statement: statement, underlying: String(reflecting: error))
        }
        try await connection.close()
    }
}

/// Why a test database could not be set up, with PostgreSQL's own message (PSQLError hides it by default).
struct PostgresSetupError: Error, CustomStringConvertible {
    let statement: String
    let underlying: String
    var description: String { "\(statement): \(underlying)" }
}
