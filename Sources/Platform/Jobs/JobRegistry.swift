import Foundation
import Vapor

/// What a job handler gets: its payload, the attempt number, a way to report progress, the app.
public struct JobContext: Sendable {
    public let id: UUID
    public let kind: String
    public let payload: String
    public let attempt: Int
    public let application: Application
    public let logger: Logger
    let report: @Sendable (Int, String) async throws -> Void

    /// Decodes the JSON payload given at enqueue time.
    public func payload<T: Decodable>(as type: T.Type) throws -> T {
        try JSONCoding.decoder.decode(T.self, from: Data(payload.utf8))
    }

    /// Records progress (0–100) and a short message shown on the job's page; also renews the lease.
    public func progress(_ percent: Int, _ message: String) async throws { try await report(percent, message) }
}

/// A job kind's work. Return an optional result (JSON text) kept with the job; throw to fail the attempt.
public typealias JobHandler = @Sendable (JobContext) async throws -> String?

extension Application {
    private struct JobHandlersKey: StorageKey { typealias Value = [String: JobHandler] }

    /// Registers the handler for `kind`; modules do this in their `register(on:)`.
    public func registerJob(_ kind: String, handler: @escaping JobHandler) {
        var handlers = jobHandlers
        handlers[kind] = handler
        storage[JobHandlersKey.self] = handlers
    }

    public var jobHandlers: [String: JobHandler] { storage[JobHandlersKey.self] ?? [:] }
}
