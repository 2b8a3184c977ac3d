import Dispatch
import Foundation
import Platform
import Vapor

/// `sesa worker`: runs a job worker process until SIGINT/SIGTERM, then finishes or releases the job in hand.
/// Run as many as needed beside the `sesa serve` instances; they share the queue in the database.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String {
        "Runs a background job worker until stopped (SIGINT/SIGTERM); the job in hand is finished or released."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let status = try await app.migrationStatus()
        guard status.isUpToDate else {
            context.console.error("The worker will not start: \(status.pending.count) migration(s) pending. Run `sesa migrate`.")
            throw CommandExit(code: 1)
        }
        let worker = JobWorker(application: app)
        worker.start()
        context.console.print("SESA job worker \(worker.id) running (Ctrl-C stops it)")
        await StopSignal.wait()
        context.console.print("Stopping: finishing or releasing the job in hand…")
        await worker.stop()
    }
}

/// Resolves on the first SIGINT or SIGTERM.
enum StopSignal {
    static func wait() async {
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: .global())
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = OnceFlag()
            for source in sources {
                source.setEventHandler { if once.claim() { continuation.resume() } }
                source.resume()
            }
        }
        sources.forEach { $0.cancel() }
    }

    private final class OnceFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        func claim() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if done { return false }
            done = true
            return true
        }
    }
}
