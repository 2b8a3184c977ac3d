@testable import Platform
import SesaApp
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// With the database unreachable: liveness stays green, readiness and anything needing data answer 503 with
/// Retry-After — never a 500, never a hang (SECURITY.md R4).
@Suite struct DatabaseDownTests {
    @Test func unreachablePostgreSQLGives503AndLivenessStaysUp() async throws {
        // setup: a PostgreSQL URL on a loopback port where nothing listens
        let app = try await Application.make(.testing)
        do {
            var config = try TestConfig.make(databaseURL: "postgres://sesa@127.0.0.1:9/nothing-here")
            config.logLevel = .critical
            try await SesaApp.configure(app, config: config)
            app.get("api", "v1", "test-only", "query") { request -> String in
                try await request.application.sql.raw("SELECT 1").run()
                return "ok"
            }
            // act + validate
            let live = try await app.send(.GET, "/health")
            #expect(live.status == .ok)
            let ready = try await app.send(.GET, "/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.headers.first(name: "Retry-After") == "5")
            #expect(try ready.decode(HealthReport.self).checks.first?.detail == "PostgreSQL did not answer")
            let query = try await app.send(.GET, "/api/v1/test-only/query")
            #expect(query.status == .serviceUnavailable)
            #expect(query.headers.first(name: "Retry-After") == "5")
            #expect(try query.decode(ProblemDetails.self).detail == "The service is temporarily unavailable. Try again shortly.")
            let page = try await app.send(.GET, "/")
            #expect(page.status == .ok)
            #expect(page.text.contains("This instance is not ready."))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
