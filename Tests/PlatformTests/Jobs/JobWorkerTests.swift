import Fluent
import Foundation
@testable import Platform
import SesaApp
import SesaTesting
import Synchronization
import Testing
import Vapor
import VaporTesting

/// Workers running real jobs: results, progress, readiness, shutdown, and exactly-once under a race.
@Suite struct JobWorkerTests {
    struct Payload: Codable { var n: Int }

    @Test(arguments: TestDatabase.all)
    func theInProcessWorkerRunsAJobToItsResult(database: TestDatabase) async throws {
        let handlers: (Application) -> Void = { app in
            app.registerJob("test.square") { context in
                let payload = try context.payload(as: Payload.self)
                try await context.progress(50, "squaring")
                return "\(payload.n * payload.n)"
            }
        }
        try await withApp(on: database, routes: handlers) { app in
            let id = try await JobQueue.enqueue(kind: "test.square", payload: Payload(n: 12), on: app.db)
            let done = try await eventually { try await JobRecord.find(id, on: app.db)?.status == .succeeded }
            #expect(done)
            let record = try #require(try await JobRecord.find(id, on: app.db))
            #expect(record.result == "144" && record.progress == 100 && record.attempts == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func readinessNeedsALiveWorkerAndNoStaleBacklog(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            // A live worker: ready.
            #expect(try await eventually { try await app.send(.GET, "/health/ready").status == .ok })
            // A due job nobody can run (no handler for its kind) that has waited past the limit: not ready.
            try await JobQueue.enqueue(kind: "test.orphan", payload: Payload(n: 0), on: app.db,
                                       runAfter: Date() - app.config.jobBacklogLimit - 60)
            let stuck = try await app.send(.GET, "/health/ready")
            #expect(stuck.status == .serviceUnavailable)
            #expect(try stuck.decode(HealthReport.self).checks.last?.detail.contains("has waited") == true)
            let metrics = try await app.send(.GET, "/metrics").text
            #expect(metrics.contains(#"sesa_jobs_count{status="queued"} 1"#))
        }
        try await withApp(on: database, worker: false) { app in
            let ready = try await app.send(.GET, "/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(try ready.decode(HealthReport.self).checks.last?.detail.contains("no job worker") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func stoppingReleasesAJobThatDoesNotFinishInTime(database: TestDatabase) async throws {
        let started = Mutex(false)
        let handlers: (Application) -> Void = { app in
            app.registerJob("test.slow") { _ in
                started.withLock { $0 = true }
                try await Task.sleep(for: .seconds(60))
                return nil
            }
        }
        try await withApp(on: database, worker: false, routes: handlers) { app in
            var options = JobWorker.Options.fastForTests
            options.shutdownGrace = .milliseconds(100)
            let worker = JobWorker(application: app, options: options)
            let id = try await JobQueue.enqueue(kind: "test.slow", payload: Payload(n: 0), on: app.db)
            worker.start()
            #expect(await eventually { started.withLock { $0 } })
            await worker.stop()
            let record = try #require(try await JobRecord.find(id, on: app.db))
            #expect(record.status == .queued && record.attempts == 0 && record.leaseOwner == nil)
            #expect(try await WorkerHeartbeat.find(worker.id, on: app.db) == nil)
        }
    }

    /// Two worker processes (two apps, one database) racing over 1,000 jobs run each exactly once.
    @Test(arguments: TestDatabase.all)
    func twoWorkersRunEachOfAThousandJobsExactlyOnce(database: TestDatabase) async throws {
        let runs = Mutex([Int: Int]())
        let register: @Sendable (Application) -> Void = { app in
            app.registerJob("test.count") { context in
                let n = try context.payload(as: Payload.self).n
                runs.withLock { $0[n, default: 0] += 1 }
                return nil
            }
        }
        try await withDatabase(on: database, migrated: true) { url in
            let first = try await makeApp(databaseURL: url, migrate: true)
            let second = try await makeApp(databaseURL: url, migrate: false)
            register(first)
            register(second)
            do {
                try await first.db.transaction { transaction in
                    for n in 0..<1000 { try await JobQueue.enqueue(kind: "test.count", payload: Payload(n: n), on: transaction) }
                }
                first.startInProcessWorker(options: .fastForTests)
                second.startInProcessWorker(options: .fastForTests)
                let finished = try await eventually(timeout: .seconds(120)) {
                    try await JobRecord.query(on: first.db).filter(\.$statusRaw == "succeeded").count() == 1000
                }
                #expect(finished)
                let counts = runs.withLock { $0 }
                #expect(counts.count == 1000)
                #expect(counts.values.allSatisfy { $0 == 1 }, "ran more than once: \(counts.filter { $0.value > 1 }.keys.sorted())")
            } catch {
                try? await first.asyncShutdown()
                try? await second.asyncShutdown()
                throw error
            }
            try await first.asyncShutdown()
            try await second.asyncShutdown()
        }
    }
}
