import Fluent
import Foundation
import Vapor

/// The project list, a project's overview, its description (editors) and its settings (leads).
enum ProjectsController {
    struct EditForm: Content {
        var description: String?
    }

    struct SettingsForm: Content {
        var name: String?
        var programID: String?
        var status: String?

        enum CodingKeys: String, CodingKey {
            case name, status
            case programID = "program_id"
        }
    }

    static let descriptionLimit = 20_000

    /// The projects `identity` can open (every project for site administrators), by key.
    static func listQuery(identity: Identity, on database: any Database) async throws -> [ProjectListPage.Row] {
        let memberships = try await Membership.query(on: database).filter(\.$user.$id == identity.userID).all()
        let roles = Dictionary(memberships.map { ($0.$project.id, $0.role) }, uniquingKeysWith: { first, _ in first })
        var query = Project.query(on: database).with(\.$program).sort(\.$key)
        if !identity.isSiteAdmin { query = query.filter(\.$id ~~ Array(roles.keys)) }
        return try await query.all().map { project in
            ProjectListPage.Row(key: project.key, name: project.name, program: project.program?.name,
                                status: project.status, role: project.id.flatMap { roles[$0] })
        }
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let rows = try await listQuery(identity: identity, on: request.db)
        return request.render(ProjectListPage(rows: rows, isSiteAdmin: identity.isSiteAdmin))
    }

    static func overviewQuery(access: ProjectAccess, on database: any Database) async throws -> ProjectOverviewPage.Model {
        guard let project = try await Project.query(on: database).filter(\.$id == access.projectID).with(\.$program).first()
        else { throw Abort(.notFound) }
        let memberships = try await Membership.query(on: database).filter(\.$project.$id == access.projectID).all()
        var byRole: [ProjectRole: Int] = [:]
        for membership in memberships { byRole[membership.role, default: 0] += 1 }
        return .init(access: access, description: project.description, program: project.program?.name,
                     membersByRole: byRole, createdAt: project.createdAt)
    }

    @Sendable static func overview(_ request: Request) async throws -> Response {
        let model = try await overviewQuery(access: try request.requireProject(), on: request.db)
        return request.render(ProjectOverviewPage(model: model))
    }

    @Sendable static func showEdit(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let project = try await Project.find(access.projectID, on: request.db) else { throw Abort(.notFound) }
        return request.render(ProjectEditPage(access: access, description: project.description, csrfToken: request.csrfToken))
    }

    @Sendable static func submitEdit(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let description = (try request.content.decode(EditForm.self).description ?? "")
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard description.count <= descriptionLimit else {
            return request.render(ProjectEditPage(
                access: access, description: description, csrfToken: request.csrfToken,
                error: "The description is \(description.count) characters long; the limit is \(descriptionLimit)."),
                status: .unprocessableEntity)
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
        request.flash(.success, "The description has been saved.")
        return request.redirect(to: ProjectRoute.overview(key: access.key).path, redirectType: .normal)
    }

    static func programOptions(on database: any Database) async throws -> [(value: String, title: String)] {
        try await Program.query(on: database).sort(\.$name).all().map { ($0.id?.uuidString ?? "", $0.name) }
    }

    @Sendable static func showSettings(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let project = try await Project.find(access.projectID, on: request.db) else { throw Abort(.notFound) }
        return request.render(ProjectSettingsPage(
            access: access, name: project.name, programID: project.$program.id?.uuidString ?? "", status: project.status,
            programs: try await programOptions(on: request.db), csrfToken: request.csrfToken))
    }

    @Sendable static func submitSettings(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(SettingsForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 120 { errors.append(.init(field: "name", reason: "must be 1–120 characters")) }
        let status = Project.Status(rawValue: form.status ?? "")
        if status == nil { errors.append(.init(field: "status", reason: "must be active or archived")) }
        let programID = try await programParameter(form.programID, errors: &errors, on: request.db)
        guard errors.isEmpty, let status else {
            return request.render(ProjectSettingsPage(
                access: access, name: name, programID: form.programID ?? "", status: status ?? access.status,
                programs: try await programOptions(on: request.db), csrfToken: request.csrfToken, errors: errors),
                status: .unprocessableEntity)
        }
        try await request.db.transaction { db in
            guard let project = try await Project.find(access.projectID, on: db) else { throw Abort(.notFound) }
            let before = Self.settings(of: project)
            project.name = name
            project.$program.id = programID
            project.status = status
            let after = Self.settings(of: project)
            guard before != after else { return }
            try await project.update(on: db)
            try await AuditLog.record(
                AuditEvent(status != access.status ? (status == .archived ? "project.archived" : "project.reactivated")
                           : "project.updated",
                           kind: "project", id: access.projectID.uuidString.lowercased(), key: access.key,
                           project: access.projectID, before: before, after: after),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "The settings of \(access.key) have been saved.")
        return request.redirect(to: ProjectRoute.settings(key: access.key).path, redirectType: .normal)
    }

    /// The programme chosen in a form: nil for none; an unknown id adds a field error.
    static func programParameter(_ raw: String?, errors: inout [ProblemDetails.FieldError], on database: any Database)
        async throws -> UUID?
    {
        guard let raw, !raw.isEmpty else { return nil }
        if let id = UUID(uuidString: raw), try await Program.find(id, on: database) != nil { return id }
        errors.append(.init(field: "program_id", reason: "must be one of the programmes listed"))
        return nil
    }

    static func settings(of project: Project) -> [String: String] {
        ["name": project.name, "program_id": project.$program.id?.uuidString.lowercased() ?? "",
         "status": project.status.rawValue]
    }
}
