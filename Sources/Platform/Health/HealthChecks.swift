import SQLKit
import Vapor

/// The checks behind the health endpoints. Each is cheap enough for a probe every few seconds.
public enum HealthChecks {
    /// Readiness-relevant checks; later modules (worker heartbeat, job backlog) append theirs to this list.
    public static func readiness(app: Application) async -> [HealthReport.Check] {
        let database = await self.database(app: app)
        guard database.status == .pass else {
            return [database, .init(name: "migrations", status: .fail, durationMS: 0,
                                    detail: "not checked: the database is unreachable")]
        }
        return [database, await migrations(app: app)]
    }

    /// `SELECT 1` round trip.
    public static func database(app: Application) async -> HealthReport.Check {
        let (result, elapsed) = await timed { try await app.sql.raw("SELECT 1").run() }
        switch result {
        case .success:
            app.metrics.recordDatabase(roundTrip: elapsed)
            return .init(name: "database", status: .pass, durationMS: milliseconds(elapsed),
                         detail: "\(app.config.databaseURL.backendName) answered")
        case .failure(let error):
            app.metrics.recordDatabase(roundTrip: nil)
            app.logger.warning("database health check failed", metadata: ["error": .string(String(reflecting: error))])
            return .init(name: "database", status: .fail, durationMS: milliseconds(elapsed),
                         detail: "\(app.config.databaseURL.backendName) did not answer")
        }
    }

    public static func migrations(app: Application) async -> HealthReport.Check {
        let (result, elapsed) = await timed { try await app.migrationStatus() }
        switch result {
        case .success(let status) where status.isUpToDate:
            return .init(name: "migrations", status: .pass, durationMS: milliseconds(elapsed),
                         detail: "\(status.applied.count) applied, none pending")
        case .success(let status):
            return .init(name: "migrations", status: .fail, durationMS: milliseconds(elapsed),
                         detail: "\(status.pending.count) pending: \(status.pending.joined(separator: ", ")); run `sesa migrate`")
        case .failure:
            return .init(name: "migrations", status: .fail, durationMS: milliseconds(elapsed),
                         detail: "could not read the migration log")
        }
    }

    static func timed<T>(_ body: () async throws -> T) async -> (Result<T, any Error>, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let value = try await body()
            return (.success(value), clock.now - start)
        } catch {
            return (.failure(error), clock.now - start)
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return (ms * 1000).rounded() / 1000
    }
}
