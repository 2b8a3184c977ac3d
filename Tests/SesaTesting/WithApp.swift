import Foundation
import NIOHTTP1
import Platform
import SesaApp
import Vapor
import VaporTesting

/// Boots a fully configured SESA app on `database` (a temporary SQLite file, or a fresh PostgreSQL database),
/// runs `body`, and tears everything down, whatever `body` throws.
/// - Parameters:
///   - migrated: apply every migration first (the usual case); false leaves an empty database.
///   - environment: extra `SESA_*` variables, e.g. `["SESA_METRICS_TOKEN": "t"]`.
///   - routes: extra routes (or job handlers) a test needs, registered after SESA's own.
///   - worker: run the in-process job worker, as `sesa serve` does (only on a migrated database).
public func withApp(
    on database: TestDatabase,
    migrated: Bool = true,
    environment: [String: String] = [:],
    worker: Bool = true,
    routes: (Application) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let (databaseURL, cleanup) = try await prepareTestDatabase(database, migrated: migrated)
    let app = try await Application.make(.testing)
    do {
        let config = try TestConfig.make(databaseURL: databaseURL, environment: environment)
        try await SesaApp.configure(app, config: config)
        if migrated, case .sqlite = database { try await app.autoMigrate() }
        routes(app)
        if worker && migrated { app.startInProcessWorker(options: .fastForTests) }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        await cleanup()
        throw error
    }
    try await app.asyncShutdown()
    await cleanup()
}

/// A fresh database: for SQLite the URL of a file in a new temporary directory (migrated later by the app),
/// for PostgreSQL a database cloned from the migrated template (or empty).
func prepareTestDatabase(_ database: TestDatabase, migrated: Bool) async throws
    -> (String, @Sendable () async -> Void)
{
    switch database {
    case .sqlite:
        let directory = NSTemporaryDirectory() + "sesa-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return ("sqlite://\(directory)/sesa.sqlite", { try? FileManager.default.removeItem(atPath: directory) })
    case .postgres(let adminURL):
        let (name, url) = try await PostgresTestDatabases.shared.create(adminURL: adminURL, migrated: migrated)
        return (url, { await PostgresTestDatabases.shared.drop(name, adminURL: adminURL) })
    }
}

extension Application {
    /// Sends a request through the whole middleware stack. `Host: localhost` is added unless given.
    public func send(
        _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: String? = nil
    ) async throws -> TestingHTTPResponse {
        var headers = headers
        if !headers.contains(name: .host) { headers.add(name: .host, value: "localhost") }
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        if let body { buffer.writeString(body) }
        let request = TestingHTTPRequest(method: method, url: .init(path: path), headers: headers, body: buffer)
        return try await testing().performTest(request: request)
    }

    /// Signs in through the API: JSON headers carrying the bearer token of `email`.
    public func bearerHeaders(_ email: String, password: String = testPassword) async throws -> HTTPHeaders {
        let response = try await send(.POST, "/api/v1/auth/login", headers: ["Content-Type": "application/json"],
                                      body: #"{"email":"\#(email)","password":"\#(password)"}"#)
        guard let token = response.text.firstMatch(of: /"access_token":"([^"]+)"/).map({ String($0.1) }) else {
            throw Abort(.unauthorized, reason: "\(email) could not sign in: \(response.status) \(response.text)")
        }
        return ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
    }
}

extension TestingHTTPResponse {
    public var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
    }
}

extension JobWorker.Options {
    /// Polls often so tests do not wait on the one-second production interval.
    public static var fastForTests: JobWorker.Options {
        var options = JobWorker.Options()
        options.pollInterval = .milliseconds(20)
        options.shutdownGrace = .seconds(2)
        return options
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held. The timeout is generous
/// because the whole suite runs in parallel on small CI machines; a passing condition returns at once.
public func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
