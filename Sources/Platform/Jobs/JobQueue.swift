import Fluent
import Foundation
import SQLKit

/// The database-backed job queue (no Redis: ARCHITECTURE.md §2). Every statement is a single UPDATE guarded by
/// status and lease owner, so two workers — or a worker and a lease reaper — can never both own a job.
public struct JobQueue: Sendable {
    public struct ClaimedJob: Sendable, Equatable {
        public let id: UUID
        public let kind: String
        public let payload: String
        public let attempt: Int
        public let maxAttempts: Int
    }

    public static let defaultMaxAttempts = 5

    let database: any SQLDatabase

    public init(database: any Database) {
        self.database = database as! any SQLDatabase
    }

    /// Adds a job. Pass the transaction of the change that causes it: if that rolls back, the job never existed.
    /// `projectID` and `createdBy` decide who may watch it (`/jobs/{id}`, `GET /api/v1/jobs/{id}`).
    @discardableResult
    public static func enqueue(
        kind: String, payload: some Encodable, on database: any Database, runAfter: Date = Date(),
        maxAttempts: Int = JobQueue.defaultMaxAttempts, projectID: UUID? = nil, createdBy: UUID? = nil
    ) async throws -> UUID {
        let job = JobRecord()
        job.id = UUID()
        job.kind = kind
        job.payload = String(decoding: try JSONCoding.encoder.encode(payload), as: UTF8.self)
        job.statusRaw = JobRecord.Status.queued.rawValue
        job.attempts = 0
        job.maxAttempts = maxAttempts
        job.runAfter = runAfter
        job.progress = 0
        job.message = "queued"
        job.projectID = projectID
        job.createdBy = createdBy
        try await job.create(on: database)
        return job.id!
    }

    /// Claims the next runnable job — queued and due, or running with an expired lease (its worker died) —
    /// for `worker` until `leaseUntil`. PostgreSQL skips rows other workers have locked; SQLite has one writer.
    public func claim(worker: String, kinds: [String], now: Date, leaseUntil: Date) async throws -> ClaimedJob? {
        guard !kinds.isEmpty else { return nil }
        try await reapExhausted(now: now)
        let lock: SQLQueryString = database.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        let kindList = SQLList(kinds.map { SQLBind($0) })
        let row = try await database.raw("""
            UPDATE jobs SET status = 'running', lease_owner = \(bind: worker), lease_until = \(bind: leaseUntil),
                attempts = attempts + 1, message = 'running', updated_at = \(bind: now)
            WHERE id = (
                SELECT id FROM jobs
                WHERE kind IN (\(kindList)) AND ((status = 'queued' AND run_after <= \(bind: now))
                    OR (status = 'running' AND lease_until < \(bind: now)))
                ORDER BY run_after, created_at LIMIT 1 \(lock))
            RETURNING id, kind, payload, attempts, max_attempts
            """).first()
        guard let row else { return nil }
        return ClaimedJob(
            id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            attempt: try row.decode(column: "attempts", as: Int.self),
            maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
    }

    /// Jobs whose worker died on their last allowed attempt are dead, not retried forever.
    func reapExhausted(now: Date) async throws {
        try await database.raw("""
            UPDATE jobs SET status = 'dead', lease_owner = NULL, lease_until = NULL, finished_at = \(bind: now),
                updated_at = \(bind: now), error = 'the worker stopped while running the last allowed attempt'
            WHERE status = 'running' AND lease_until < \(bind: now) AND attempts >= max_attempts
            """).run()
    }

    /// Records progress and extends the lease. Returns false when the lease was lost (another worker took over).
    @discardableResult
    public func progress(_ job: ClaimedJob, worker: String, percent: Int, message: String, now: Date, leaseUntil: Date)
        async throws -> Bool
    {
        try await ownedUpdate(job, worker: worker, now: now, """
            progress = \(bind: min(100, max(0, percent))), message = \(bind: String(message.prefix(500))),
            lease_until = \(bind: leaseUntil)
            """)
    }

    /// Extends the lease of a job still running, leaving its progress alone.
    @discardableResult
    public func renew(_ job: ClaimedJob, worker: String, now: Date, leaseUntil: Date) async throws -> Bool {
        try await ownedUpdate(job, worker: worker, now: now, "lease_until = \(bind: leaseUntil)")
    }

    /// A handler that reported 100 % with a message (an import's summary) keeps it as the final word; others read "done".
    @discardableResult
    public func complete(_ job: ClaimedJob, worker: String, result: String?, now: Date) async throws -> Bool {
        try await ownedUpdate(job, worker: worker, now: now, """
            status = 'succeeded', message = CASE WHEN progress = 100 THEN message ELSE 'done' END, progress = 100,
            result = \(bind: result),
            lease_owner = NULL, lease_until = NULL, finished_at = \(bind: now)
            """)
    }

    /// A failed attempt: retried after an exponential backoff, or dead after the last attempt.
    @discardableResult
    public func fail(_ job: ClaimedJob, worker: String, error: String, now: Date) async throws -> Bool {
        let message = String(error.prefix(2000))
        if job.attempt >= job.maxAttempts {
            return try await ownedUpdate(job, worker: worker, now: now, """
                status = 'dead', error = \(bind: message), message = 'failed', lease_owner = NULL, lease_until = NULL,
                finished_at = \(bind: now)
                """)
        }
        let retryAt = now.addingTimeInterval(Self.backoff(afterAttempt: job.attempt))
        return try await ownedUpdate(job, worker: worker, now: now, """
            status = 'queued', error = \(bind: message), message = 'waiting to retry', run_after = \(bind: retryAt),
            lease_owner = NULL, lease_until = NULL
            """)
    }

    /// Gives a job back without counting the attempt (graceful shutdown while it was running).
    @discardableResult
    public func release(_ job: ClaimedJob, worker: String, now: Date) async throws -> Bool {
        try await ownedUpdate(job, worker: worker, now: now, """
            status = 'queued', attempts = attempts - 1, message = 'released by a stopping worker',
            lease_owner = NULL, lease_until = NULL
            """)
    }

    /// 2, 4, 8 … seconds, capped at 10 minutes.
    public static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(600, pow(2, Double(max(1, attempt))))
    }

    private func ownedUpdate(_ job: ClaimedJob, worker: String, now: Date, _ assignments: SQLQueryString)
        async throws -> Bool
    {
        let rows = try await database.raw("""
            UPDATE jobs SET \(assignments), updated_at = \(bind: now)
            WHERE id = \(bind: job.id) AND lease_owner = \(bind: worker) AND status = 'running'
            RETURNING id
            """).all()
        return !rows.isEmpty
    }
}
