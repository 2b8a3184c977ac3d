import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Synchronization
import Testing
import Vapor

/// The queue's rules, driven directly with explicit clocks: no sleeping, no worker.
@Suite struct JobQueueTests {
    struct Payload: Codable, Equatable { var n: Int }
    struct Rollback: Error {}

    func status(_ id: UUID, _ app: Application) async throws -> JobRecord {
        try #require(try await JobRecord.find(id, on: app.db))
    }

    @Test(arguments: TestDatabase.all)
    func aJobEnqueuedInARolledBackTransactionNeverExists(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            await #expect(throws: Rollback.self) {
                try await app.db.transaction { transaction in
                    try await JobQueue.enqueue(kind: "test.job", payload: Payload(n: 1), on: transaction)
                    throw Rollback()
                }
            }
            #expect(try await JobRecord.query(on: app.db).count() == 0)
            let now = Date()
            let claimed = try await JobQueue(database: app.db).claim(
                worker: "w", kinds: ["test.job"], now: now, leaseUntil: now + 60)
            #expect(claimed == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aJobWhoseWorkerDiedRunsAgainAfterItsLeaseExpires(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            // setup
            let queue = JobQueue(database: app.db)
            let id = try await JobQueue.enqueue(kind: "test.job", payload: Payload(n: 7), on: app.db)
            let t0 = Date()
            // act: worker A claims and "dies" (never reports back)
            let first = try #require(try await queue.claim(worker: "A", kinds: ["test.job"], now: t0, leaseUntil: t0 + 60))
            #expect(first.id == id && first.attempt == 1 && first.payload == #"{"n":7}"#)
            // validate: nobody else gets it while the lease holds; B gets it once it has expired
            #expect(try await queue.claim(worker: "B", kinds: ["test.job"], now: t0 + 30, leaseUntil: t0 + 90) == nil)
            let second = try #require(try await queue.claim(worker: "B", kinds: ["test.job"], now: t0 + 61, leaseUntil: t0 + 121))
            #expect(second.id == id && second.attempt == 2)
            // A's late answer is ignored; B's counts.
            #expect(try await queue.complete(first, worker: "A", result: "late", now: t0 + 62) == false)
            #expect(try await queue.complete(second, worker: "B", result: "ok", now: t0 + 63))
            let record = try await status(id, app)
            #expect(record.status == .succeeded && record.result == "ok" && record.progress == 100)
        }
    }

    @Test(arguments: TestDatabase.all)
    func failuresRetryWithBackoffThenTheJobIsDead(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let queue = JobQueue(database: app.db)
            let id = try await JobQueue.enqueue(kind: "test.job", payload: Payload(n: 1), on: app.db, maxAttempts: 2)
            let t0 = Date()
            let attempt1 = try #require(try await queue.claim(worker: "w", kinds: ["test.job"], now: t0, leaseUntil: t0 + 60))
            #expect(try await queue.fail(attempt1, worker: "w", error: "boom 1", now: t0))
            var record = try await status(id, app)
            #expect(record.status == .queued && record.error == "boom 1")
            #expect(abs(record.runAfter.timeIntervalSince(t0) - JobQueue.backoff(afterAttempt: 1)) < 0.01)
            // Not before the backoff has passed.
            #expect(try await queue.claim(worker: "w", kinds: ["test.job"], now: t0 + 1, leaseUntil: t0 + 61) == nil)
            let attempt2 = try #require(try await queue.claim(worker: "w", kinds: ["test.job"], now: t0 + 3, leaseUntil: t0 + 63))
            #expect(attempt2.attempt == 2)
            #expect(try await queue.fail(attempt2, worker: "w", error: "boom 2", now: t0 + 3))
            record = try await status(id, app)
            #expect(record.status == .dead && record.error == "boom 2" && record.finishedAt != nil)
            #expect(try await queue.claim(worker: "w", kinds: ["test.job"], now: t0 + 3600, leaseUntil: t0 + 3660) == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aJobWhoseWorkerDiesOnTheLastAttemptIsDead(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let queue = JobQueue(database: app.db)
            let id = try await JobQueue.enqueue(kind: "test.job", payload: Payload(n: 1), on: app.db, maxAttempts: 1)
            let t0 = Date()
            _ = try #require(try await queue.claim(worker: "A", kinds: ["test.job"], now: t0, leaseUntil: t0 + 60))
            #expect(try await queue.claim(worker: "B", kinds: ["test.job"], now: t0 + 61, leaseUntil: t0 + 121) == nil)
            #expect(try await status(id, app).status == .dead)
        }
    }

    @Test(arguments: TestDatabase.all)
    func progressAndReleaseKeepTheAttemptHonest(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let queue = JobQueue(database: app.db)
            let id = try await JobQueue.enqueue(kind: "test.job", payload: Payload(n: 1), on: app.db)
            let t0 = Date()
            let job = try #require(try await queue.claim(worker: "w", kinds: ["test.job"], now: t0, leaseUntil: t0 + 60))
            #expect(try await queue.progress(job, worker: "w", percent: 140, message: "halfway", now: t0 + 1, leaseUntil: t0 + 120))
            var record = try await status(id, app)
            #expect(record.progress == 100 && record.message == "halfway")
            #expect(abs((record.leaseUntil ?? t0).timeIntervalSince(t0 + 120)) < 0.01)
            // Renewing the lease keeps the reported progress.
            #expect(try await queue.renew(job, worker: "w", now: t0 + 1.5, leaseUntil: t0 + 180))
            record = try await status(id, app)
            #expect(record.progress == 100 && record.message == "halfway")
            #expect(try await queue.renew(job, worker: "someone-else", now: t0 + 1.5, leaseUntil: t0 + 180) == false)
            #expect(try await queue.release(job, worker: "w", now: t0 + 2))
            record = try await status(id, app)
            #expect(record.status == .queued && record.attempts == 0 && record.leaseOwner == nil)
        }
    }

    @Test func backoffDoublesAndIsCapped() {
        #expect(JobQueue.backoff(afterAttempt: 1) == 2)
        #expect(JobQueue.backoff(afterAttempt: 3) == 8)
        #expect(JobQueue.backoff(afterAttempt: 30) == 600)
    }
}
