@testable import Platform
import SesaApp
import SesaTesting
import Testing
import Vapor
import VaporTesting

@Suite struct HealthTests {
    @Test(arguments: TestDatabase.all)
    func liveReadyAndDatabaseOnAMigratedInstance(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let live = try await app.send(.GET, "/health")
            #expect(live.status == .ok)
            #expect(live.text == #"{"status":"pass"}"#)

            #expect(try await eventually { try await app.send(.GET, "/health/ready").status == .ok })
            let ready = try await app.send(.GET, "/health/ready")
            #expect(ready.status == .ok)
            let report = try ready.decode(HealthReport.self)
            #expect(report.status == .pass)
            #expect(report.checks.map(\.name) == ["database", "migrations", "jobs"])
            #expect(report.checks[1].detail == "\(SesaApp_migrationCount) applied, none pending")

            let db = try await app.send(.GET, "/health/db")
            #expect(db.status == .ok)
            #expect(try db.decode(HealthReport.self).checks.first?.durationMS ?? -1 >= 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func notReadyWhileMigrationsArePending(database: TestDatabase) async throws {
        try await withApp(on: database, migrated: false) { app in
            let ready = try await app.send(.GET, "/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.headers.first(name: "Retry-After") == "5")
            let report = try ready.decode(HealthReport.self)
            #expect(report.status == .fail)
            #expect(report.checks[0].status == .pass)
            #expect(report.checks[1].detail.contains("Platform.CreateInstanceInfo"))
            // Liveness does not depend on the schema.
            #expect(try await app.send(.GET, "/health").status == .ok)
            // The probe wrote nothing: the migration log still does not exist.
            #expect(try await app.migrationStatus().applied.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func detailedNeedsTheMetricsToken(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let hidden = try await app.send(.GET, "/health/detailed")
            #expect(hidden.status == .notFound)
        }
        try await withApp(on: database, environment: ["SESA_METRICS_TOKEN": "scrape-token-123"]) { app in
            let missing = try await app.send(.GET, "/health/detailed")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers.first(name: "WWW-Authenticate") == "Bearer")
            let wrong = try await app.send(.GET, "/health/detailed", headers: ["Authorization": "Bearer nope"])
            #expect(wrong.status == .unauthorized)
            #expect(try await eventually {
                try await app.send(.GET, "/health/detailed", headers: ["Authorization": "Bearer scrape-token-123"]).status == .ok
            })
            let right = try await app.send(
                .GET, "/health/detailed", headers: ["Authorization": "Bearer scrape-token-123"])
            #expect(right.status == .ok)
            #expect(try right.decode(HealthReport.self).checks.count == 3)
        }
    }

    @Test func tokenComparison() {
        #expect(MetricsTokenGuard.constantTimeEquals("abc", "abc"))
        #expect(!MetricsTokenGuard.constantTimeEquals("abc", "abd"))
        #expect(!MetricsTokenGuard.constantTimeEquals("abc", "abcd"))
    }
}

/// How many migrations SESA registers, every module's (kept in one place for the expectations above).
let SesaApp_migrationCount = SesaApp.migrations.count
