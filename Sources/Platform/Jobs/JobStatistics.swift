import Fluent
import Foundation
import SQLKit

/// Queue figures for metrics and readiness: jobs per status, how long the oldest due job has waited, and when
/// a worker last reported.
public struct JobStatistics: Sendable, Equatable {
    public var counts: [JobRecord.Status: Int]
    public var oldestQueuedAge: TimeInterval?
    public var lastHeartbeat: Date?

    public static func read(on database: any SQLDatabase, now: Date) async throws -> JobStatistics {
        var counts = Dictionary(uniqueKeysWithValues: JobRecord.Status.allCases.map { ($0, 0) })
        let rows = try await database.raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").all()
        for row in rows {
            let status = JobRecord.Status(rawValue: try row.decode(column: "status", as: String.self))
            if let status { counts[status] = try row.decode(column: "n", as: Int.self) }
        }
        let oldest = try await JobRecord.query(on: database as! any Database)
            .filter(\.$statusRaw == JobRecord.Status.queued.rawValue).filter(\.$runAfter <= now)
            .sort(\.$runAfter).first()?.runAfter
        let beat = try await WorkerHeartbeat.query(on: database as! any Database).sort(\.$beatAt, .descending).first()?.beatAt
        return JobStatistics(counts: counts, oldestQueuedAge: oldest.map { max(0, now.timeIntervalSince($0)) }, lastHeartbeat: beat)
    }
}
