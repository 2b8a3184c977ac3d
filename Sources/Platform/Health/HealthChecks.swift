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
        let migrations = await migrations(app: app)
        guard migrations.status == .pass else {
            return [database, migrations, .init(name: "jobs", status: .fail, durationMS: 0,
                                                detail: "not checked: the schema is not up to date")]
        }
        return [database, migrations, await jobs(app: app)]
    }

    /// A worker reported within `staleHeartbeat`, and no due job has waited longer than `SESA_JOB_BACKLOG_LIMIT`.
    public static func jobs(app: Application, now: Date = Date()) async -> HealthReport.Check {
        let (result, elapsed) = await timed { try await JobStatistics.read(on: app.sql, now: now) }
        guard case .success(let statistics) = result else {
            return .init(name: "jobs", status: .fail, durationMS: milliseconds(elapsed), detail: "could not read the job queue")
        }
        app.metrics.recordJobs(statistics)
        guard let beat = statistics.lastHeartbeat, now.timeIntervalSince(beat) <= staleHeartbeat else {
            return .init(name: "jobs", status: .fail, durationMS: milliseconds(elapsed),
                         detail: "no job worker has reported in the last \(Int(staleHeartbeat)) s; "
                            + "run `sesa worker` or start `sesa serve` with SESA_WORKER=on")
        }
        let queued = statistics.counts[.queued] ?? 0
        if let age = statistics.oldestQueuedAge, age > app.config.jobBacklogLimit {
            return .init(name: "jobs", status: .fail, durationMS: milliseconds(elapsed),
                         detail: "the oldest of \(queued) queued jobs has waited \(Int(age)) s "
                            + "(limit \(Int(app.config.jobBacklogLimit)) s)")
        }
        return .init(name: "jobs", status: .pass, durationMS: milliseconds(elapsed),
                     detail: "worker seen \(Int(now.timeIntervalSince(beat))) s ago; \(queued) queued, "
                        + "\(statistics.counts[.running] ?? 0) running, \(statistics.counts[.dead] ?? 0) dead")
    }

    /// Six missed heartbeats (they come every 5 s).
    public static let staleHeartbeat: TimeInterval = 30

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
