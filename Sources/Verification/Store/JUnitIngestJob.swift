import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The job that writes a CI upload's results (`JUnitIngest.apply`). One attempt: a report does not improve. If it
/// fails, nothing of it is stored but the run, which says why.
enum JUnitIngestJob {
    static let kind = "verification.junit-ingest"

    struct Payload: Codable, Sendable {
        var run: UUID
        var project: UUID
        var role: ProjectRole
        var user: UUID?
        var label: String
    }

    static func run(_ job: JobContext) async throws -> String? {
        let payload = try job.payload(as: Payload.self)
        let app = job.application
        let context = ArtifactContext(database: app.db, projectID: payload.project, role: payload.role, registry: app.artifactRegistry,
                                      actor: AuditActor(userID: payload.user, label: payload.label), now: app.clock.now())
        try await job.progress(5, "reading the reports")
        do {
            let summary = try await JUnitIngest.apply(context, runID: payload.run) { try await job.progress($0, $1) }
            try await job.progress(100, summary)
            return nil
        } catch {
            let reason = String(describing: (error as? any AbortError)?.reason ?? String(describing: error))
            if let run = try await TestRun.find(payload.run, on: app.db) {
                run.status = .failed
                run.note = String(("ingestion failed: " + reason).prefix(2000))
                try await run.update(on: app.db)
            }
            throw error
        }
    }
}
