import Fluent
import Foundation
import Vapor

/// Watching a job: `GET /api/v1/jobs/{id}` for scripts, `/jobs/{id}` for people (with `/jobs/{id}/progress`,
/// the same JSON for the page's poller, authenticated by the browser session).
enum JobsController {
    struct JobDTO: Content {
        var id: UUID
        var kind: String
        var status: String
        var progress: Int
        var message: String
        var attempts: Int
        var maxAttempts: Int
        var project: String?
        var createdAt: Date?
        var updatedAt: Date?
        var finishedAt: Date?
        var result: String?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case id, kind, status, progress, message, attempts, project, result, error
            case maxAttempts = "max_attempts", createdAt = "created_at", updatedAt = "updated_at"
            case finishedAt = "finished_at"
        }

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("kind", .string()),
            ("status", .string(enumValues: JobRecord.Status.allCases.map(\.rawValue))),
            ("progress", .integer(minimum: 0, maximum: 100)), ("message", .string()),
            ("attempts", .integer()), ("max_attempts", .integer()),
            ("project", .nullable(.string(description: "Project key"))),
            ("created_at", .string(format: "date-time")), ("updated_at", .string(format: "date-time")),
            ("finished_at", .nullable(.string(format: "date-time"))),
            ("result", .nullable(.string(description: "The job's result (JSON text) once it succeeded"))),
            ("error", .nullable(.string(description: "Why the last attempt failed"))),
        ], required: ["id", "kind", "status", "progress", "message", "attempts", "max_attempts"])
    }

    @Sendable static func api(_ request: Request) async throws -> JobDTO {
        try await query(request)
    }

    @Sendable static func progress(_ request: Request) async throws -> Response {
        let response = try await query(request).encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        let job = try await query(request)
        return request.render(JobPage(job: job))
    }

    /// The job if the caller may see it: its starter, members of its project, site administrators. Anyone else
    /// gets the same 404 as for a job that does not exist. A personal access token sees only its project's jobs.
    static func query(_ request: Request) async throws -> JobDTO {
        let identity = try request.requireIdentity()
        let notFound = Abort(.notFound, reason: "There is no such job that you can see.")
        guard let id = request.parameters.get("jobID").flatMap(UUID.init(uuidString:)),
            let job = try await JobRecord.find(id, on: request.db)
        else { throw notFound }
        var projectKey: String?
        if let projectID = job.projectID {
            projectKey = try await Project.find(projectID, on: request.db)?.key
        }
        let scope = request.tokenScope
        let allowed: Bool
        if let scope {
            allowed = job.projectID == scope.projectID
        } else if identity.isSiteAdmin || job.createdBy == identity.userID {
            allowed = true
        } else if let projectID = job.projectID {
            allowed = try await Membership.query(on: request.db).filter(\.$project.$id == projectID)
                .filter(\.$user.$id == identity.userID).first() != nil
        } else {
            allowed = false
        }
        guard allowed else { throw notFound }
        return JobDTO(id: id, kind: job.kind, status: job.statusRaw, progress: job.progress, message: job.message,
                      attempts: job.attempts, maxAttempts: job.maxAttempts, project: projectKey,
                      createdAt: job.createdAt, updatedAt: job.updatedAt, finishedAt: job.finishedAt,
                      result: job.status == .succeeded ? job.result : nil, error: job.error)
    }
}
