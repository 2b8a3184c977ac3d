import Fluent
import Foundation
import Vapor

/// Projects in the API: the caller's projects, one project, its members, and the description (editors).
enum ProjectsAPIController {
    struct ProjectDTO: Content {
        var key: String
        var name: String
        var description: String
        var status: String
        var program: String?
        var role: String?

        static let schema = JSONSchema.object([
            ("key", .string(description: "Permanent project key, e.g. ATC")), ("name", .string()),
            ("description", .string()), ("status", .string(enumValues: ["active", "archived"])),
            ("program", .nullable(.string())),
            ("role", .nullable(.string(enumValues: ProjectRole.allCases.map(\.rawValue), description: "The caller's role"))),
        ], required: ["key", "name", "description", "status"])
    }

    struct ProjectList: Content {
        var items: [ProjectDTO]
    }

    struct MemberDTO: Content {
        var email: String
        var displayName: String
        var role: String
        enum CodingKeys: String, CodingKey {
            case email, role
            case displayName = "display_name"
        }
        static let schema = JSONSchema.object([
            ("email", .string(format: "email")), ("display_name", .string()),
            ("role", .string(enumValues: ProjectRole.allCases.map(\.rawValue))),
        ], required: ["email", "display_name", "role"])
    }

    struct MemberList: Content {
        var items: [MemberDTO]
    }

    struct PatchBody: Content {
        var description: String?
    }

    @Sendable static func list(_ request: Request) async throws -> ProjectList {
        let identity = try request.requireIdentity()
        var rows = try await ProjectsController.listQuery(identity: identity, on: request.db)
        if let scope = request.tokenScope {
            let key = try await Project.find(scope.projectID, on: request.db)?.key
            rows = rows.filter { $0.key == key }
        }
        var items: [ProjectDTO] = []
        for row in rows {
            let project = try await Project.query(on: request.db).filter(\.$key == row.key).first()
            items.append(ProjectDTO(key: row.key, name: row.name, description: project?.description ?? "",
                                    status: row.status.rawValue, program: row.program,
                                    role: (request.tokenScope.map { min($0.role, row.role ?? .lead) } ?? row.role)?.rawValue))
        }
        return ProjectList(items: items)
    }

    static func dto(_ access: ProjectAccess, on database: any Database) async throws -> ProjectDTO {
        let model = try await ProjectsController.overviewQuery(access: access, on: database)
        return ProjectDTO(key: access.key, name: access.name, description: model.description,
                          status: access.status.rawValue, program: model.program, role: access.role.rawValue)
    }

    @Sendable static func show(_ request: Request) async throws -> ProjectDTO {
        try await dto(try request.requireProject(), on: request.db)
    }

    @Sendable static func members(_ request: Request) async throws -> MemberList {
        let members = try await MembersController.query(access: try request.requireProject(), on: request.db)
        return MemberList(items: members.map { MemberDTO(email: $0.email, displayName: $0.name, role: $0.role.rawValue) })
    }

    @Sendable static func patch(_ request: Request) async throws -> ProjectDTO {
        let access = try request.requireProject()
        let body = try request.content.decode(PatchBody.self)
        guard let description = body.description?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            return try await dto(access, on: request.db)
        }
        guard description.count <= ProjectsController.descriptionLimit else {
            throw ValidationFailure([.init(
                field: "description", reason: "must be at most \(ProjectsController.descriptionLimit) characters")])
        }
        try await request.db.transaction { db in
            guard let project = try await Project.find(access.projectID, on: db) else { throw Abort(.notFound) }
            let before = project.description
            guard before != description else { return }
            project.description = description
            try await project.update(on: db)
            try await AuditLog.record(
                AuditEvent("project.updated", kind: "project", id: access.projectID.uuidString.lowercased(),
                           key: access.key, project: access.projectID,
                           before: ["description": before], after: ["description": description]),
                by: request.auditActor, on: db, at: request.now)
        }
        return try await dto(access, on: request.db)
    }
}
