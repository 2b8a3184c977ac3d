import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Claims and runs jobs until stopped. One job at a time per worker; run more workers (`sesa worker`
/// processes, or instances of `sesa serve`) to run more at once. The lease is renewed while a handler runs,
/// so only a worker that died loses its job to another.
public final class JobWorker: Sendable {
    public struct Options: Sendable {
        public var pollInterval: Duration = .seconds(1)
        public var leaseDuration: TimeInterval = 60
        public var heartbeatInterval: TimeInterval = 5
        /// How long `stop()` lets the job in hand finish before releasing it back to the queue.
        public var shutdownGrace: Duration = .seconds(10)
        public init() {}
    }

    public let id: String
    let application: Application
    let options: Options
    private let state = NIOLockedValueBox<(loop: Task<Void, Never>?, current: Task<Void, Never>?)>((nil, nil))

    public init(application: Application, options: Options = Options()) {
        self.application = application
        self.options = options
        let host = ProcessInfo.processInfo.hostName
        self.id = "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    var queue: JobQueue { JobQueue(database: application.db) }
    var logger: Logger { application.logger }

    public func start() {
        let loop = Task { await self.run() }
        state.withLockedValue { $0.loop = loop }
        logger.info("job worker started", metadata: ["worker": .string(id)])
    }

    /// Stops claiming, lets the job in hand finish within the grace period, else releases it; removes the heartbeat.
    public func stop() async {
        let (loop, current) = state.withLockedValue { ($0.loop, $0.current) }
        loop?.cancel()
        if let current {
            // Whichever comes first: the job finishes, or the grace period ends and the job is cancelled
            // (the worker then releases it). Awaiting `current` alone could outlast the grace period.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await current.value }
                group.addTask {
                    try? await Task.sleep(for: self.options.shutdownGrace)
                    current.cancel()
                }
                await group.next()
                group.cancelAll()
            }
        }
        await loop?.value
        try? await WorkerHeartbeat.find(id, on: application.db)?.delete(on: application.db)
        logger.info("job worker stopped", metadata: ["worker": .string(id)])
    }

    private func run() async {
        var lastBeat = Date.distantPast
        while !Task.isCancelled {
            if Date().timeIntervalSince(lastBeat) >= options.heartbeatInterval {
                await beat(job: nil)
                lastBeat = Date()
            }
            do {
                let now = Date()
                let kinds = Array(application.jobHandlers.keys).sorted()
                if let job = try await queue.claim(
                    worker: id, kinds: kinds, now: now, leaseUntil: now.addingTimeInterval(options.leaseDuration))
                {
                    await beat(job: job.id)
                    await execute(job)
                    lastBeat = Date()
                    continue
                }
            } catch {
                // Database unreachable or similar: back off and try again; the job (if any) stays leased.
                logger.warning("job worker could not claim", metadata: ["error": .string(String(reflecting: error))])
            }
            try? await Task.sleep(for: options.pollInterval)
        }
    }

    private func execute(_ job: JobQueue.ClaimedJob) async {
        guard let handler = application.jobHandlers[job.kind] else { return }
        var jobLogger = logger
        jobLogger[metadataKey: "job-id"] = .string(job.id.uuidString.lowercased())
        jobLogger[metadataKey: "job-kind"] = .string(job.kind)
        let context = JobContext(
            id: job.id, kind: job.kind, payload: job.payload, attempt: job.attempt, application: application,
            logger: jobLogger,
            report: { [queue, id, options] percent, message in
                let now = Date()
                try await queue.progress(
                    job, worker: id, percent: percent, message: message, now: now,
                    leaseUntil: now.addingTimeInterval(options.leaseDuration))
            })
        // The handler runs unstructured so `stop()` can wait for it (and cancel it) independently of the loop.
        let outcome = NIOLockedValueBox<Result<String?, any Error>?>(nil)
        let work = Task {
            do {
                let value = try await handler(context)
                outcome.withLockedValue { $0 = .success(value) }
            } catch {
                outcome.withLockedValue { $0 = .failure(error) }
            }
        }
        state.withLockedValue { $0.current = work }
        let renewal = Task { [queue, id, options] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(options.leaseDuration / 3))
                guard !Task.isCancelled else { return }
                let now = Date()
                _ = try? await queue.renew(job, worker: id, now: now, leaseUntil: now.addingTimeInterval(options.leaseDuration))
            }
        }
        await work.value
        renewal.cancel()
        state.withLockedValue { $0.current = nil }
        let now = Date()
        do {
            if work.isCancelled {
                try await queue.release(job, worker: id, now: now)
                jobLogger.notice("job released at shutdown")
                return
            }
            switch outcome.withLockedValue({ $0 }) ?? .success(nil) {
            case .success(let result):
                try await queue.complete(job, worker: id, result: result, now: now)
            case .failure(let error):
                jobLogger.warning("job attempt failed", metadata: [
                    "attempt": .stringConvertible(job.attempt), "error": .string(String(reflecting: error)),
                ])
                try await queue.fail(job, worker: id, error: String(describing: error), now: now)
            }
        } catch {
            // The outcome could not be recorded (database gone): the lease expires and the job runs again.
            jobLogger.error("job outcome not recorded", metadata: ["error": .string(String(reflecting: error))])
        }
    }

    private func beat(job: UUID?) async {
        do {
            let now = Date()
            if let existing = try await WorkerHeartbeat.find(id, on: application.db) {
                existing.beatAt = now
                existing.currentJob = job
                try await existing.update(on: application.db)
            } else {
                let heartbeat = WorkerHeartbeat()
                heartbeat.id = id
                heartbeat.host = ProcessInfo.processInfo.hostName
                heartbeat.pid = Int(ProcessInfo.processInfo.processIdentifier)
                heartbeat.startedAt = now
                heartbeat.beatAt = now
                heartbeat.currentJob = job
                try await heartbeat.create(on: application.db)
            }
        } catch {
            logger.warning("job worker heartbeat failed", metadata: ["error": .string(String(reflecting: error))])
        }
    }
}
