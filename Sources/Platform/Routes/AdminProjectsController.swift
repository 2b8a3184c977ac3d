import Fluent
import Foundation
import Vapor

/// Site administration of programmes and projects.
enum AdminProjectsController {
    struct ProjectForm: Content {
        var key: String?
        var name: String?
        var description: String?
        var programID: String?
        var leadEmail: String?

        enum CodingKeys: String, CodingKey {
            case key, name, description
            case programID = "program_id"
            case leadEmail = "lead_email"
        }
    }

    struct ProgramForm: Content {
        var name: String?
        var description: String?
    }

    static func query(on database: any Database) async throws -> (programs: [AdminProjectsPage.ProgramRow],
                                                               projects: [AdminProjectsPage.ProjectRow]) {
        let programs = try await Program.query(on: database).sort(\.$name).all()
        let projects = try await Project.query(on: database).with(\.$program).sort(\.$key).all()
        let memberships = try await Membership.query(on: database).all()
        var members: [UUID: Int] = [:]
        for membership in memberships { members[membership.$project.id, default: 0] += 1 }
        var perProgram: [UUID: Int] = [:]
        for project in projects { if let id = project.$program.id { perProgram[id, default: 0] += 1 } }
        return (
            programs.map { .init(id: $0.id!, name: $0.name, description: $0.description, projects: perProgram[$0.id!] ?? 0) },
            projects.map { .init(key: $0.key, name: $0.name, program: $0.program?.name, status: $0.status,
                                 members: members[$0.id!] ?? 0) }
        )
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let (programs, projects) = try await query(on: request.db)
        return request.render(AdminProjectsPage(programs: programs, projects: projects, csrfToken: request.csrfToken))
    }

    @Sendable static func createProject(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try request.content.decode(ProjectForm.self)
        let key = (form.key ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let description = (form.description ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let leadEmail = User.normalise(email: form.leadEmail ?? "")
        var errors: [ProblemDetails.FieldError] = []
        if !Project.isValid(key: key) {
            errors.append(.init(field: "key", reason: "must be 2–10 capital letters or digits, starting with a letter"))
        } else if try await Project.query(on: request.db).filter(\.$key == key).count() > 0 {
            errors.append(.init(field: "key", reason: "\(key) is taken by another project"))
        }
        if name.isEmpty || name.count > 120 { errors.append(.init(field: "name", reason: "must be 1–120 characters")) }
        if description.count > ProjectsController.descriptionLimit {
            errors.append(.init(field: "description", reason: "must be at most \(ProjectsController.descriptionLimit) characters"))
        }
        let programID = try await ProjectsController.programParameter(form.programID, errors: &errors, on: request.db)
        var lead: User?
        if !leadEmail.isEmpty {
            lead = try await User.find(email: leadEmail, on: request.db)
            if lead?.isActive != true {
                errors.append(.init(field: "lead_email", reason: "there is no active user with this email"))
            }
        }
        let leadID = try lead?.requireID() ?? identity.userID
        guard errors.isEmpty else {
            let (programs, projects) = try await query(on: request.db)
            return request.render(AdminProjectsPage(
                programs: programs, projects: projects, csrfToken: request.csrfToken,
                newProject: .init(key: key, name: name, description: description, programID: form.programID ?? "",
                                  leadEmail: leadEmail),
                projectErrors: errors), status: .unprocessableEntity)
        }
        try await request.db.transaction { db in
            let project = Project(key: key, name: name, description: description, programID: programID)
            try await project.create(on: db)
            let projectID = try project.requireID()
            try await Membership(projectID: projectID, userID: leadID, role: .lead).create(on: db)
            try await AuditLog.record(
                AuditEvent("project.created", kind: "project", id: projectID.uuidString.lowercased(), key: key,
                           project: projectID, after: ["key": key, "name": name, "lead": leadEmail.isEmpty ? identity.email : leadEmail]),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "Project \(key) has been created.")
        return request.redirect(to: ProjectRoute.overview(key: key).path, redirectType: .normal)
    }

    @Sendable static func createProgram(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ProgramForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let description = (form.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 120 {
            errors.append(.init(field: "name", reason: "must be 1–120 characters"))
        } else if try await Program.query(on: request.db).filter(\.$name == name).count() > 0 {
            errors.append(.init(field: "name", reason: "there is already a programme called \(name)"))
        }
        if description.count > ProjectsController.descriptionLimit {
            errors.append(.init(field: "description", reason: "must be at most \(ProjectsController.descriptionLimit) characters"))
        }
        guard errors.isEmpty else {
            let (programs, projects) = try await query(on: request.db)
            return request.render(AdminProjectsPage(
                programs: programs, projects: projects, csrfToken: request.csrfToken,
                newProgram: (name, description), programErrors: errors), status: .unprocessableEntity)
        }
        try await request.db.transaction { db in
            let program = Program(name: name, description: description)
            try await program.create(on: db)
            try await AuditLog.record(
                AuditEvent("program.created", kind: "program", id: program.id?.uuidString.lowercased(), key: name,
                           after: ["name": name]),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "Programme \(name) has been created.")
        return request.redirect(to: AdminRoute.projects.path, redirectType: .normal)
    }
}
