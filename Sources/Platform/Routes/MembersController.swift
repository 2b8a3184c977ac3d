import Fluent
import Foundation
import Vapor

/// A project's members: everyone in the project sees the list; leads add, change and remove members.
enum MembersController {
    struct AddForm: Content {
        var email: String?
        var role: String?
    }

    struct RoleForm: Content {
        var role: String?
    }

    static func query(access: ProjectAccess, on database: any Database) async throws -> [ProjectMembersPage.Member] {
        let memberships = try await Membership.query(on: database).filter(\.$project.$id == access.projectID)
            .with(\.$user).all()
        return memberships.map {
            .init(userID: $0.$user.id, name: $0.user.displayName, email: $0.user.email, role: $0.role,
                  isActive: $0.user.isActive)
        }.sorted { ($1.role, $0.name.lowercased()) < ($0.role, $1.name.lowercased()) }
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let members = try await query(access: access, on: request.db)
        return request.render(ProjectMembersPage(access: access, members: members, csrfToken: request.csrfToken))
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(AddForm.self)
        let email = User.normalise(email: form.email ?? "")
        let role = ProjectRole(rawValue: form.role ?? "")
        var errors: [ProblemDetails.FieldError] = []
        let user = try await User.find(email: email, on: request.db)
        if role == nil { errors.append(.init(field: "role", reason: "must be viewer, editor or lead")) }
        if user == nil {
            errors.append(.init(field: "email", reason: "there is no user with this email; an administrator can add them"))
        } else if let userID = user?.id, try await membership(of: userID, in: access, on: request.db) != nil {
            errors.append(.init(field: "email", reason: "\(email) is already a member; change their role in the list"))
        }
        guard errors.isEmpty, let user, let role else {
            let members = try await query(access: access, on: request.db)
            return request.render(ProjectMembersPage(
                access: access, members: members, csrfToken: request.csrfToken, email: email,
                role: role ?? .viewer, errors: errors), status: .unprocessableEntity)
        }
        try await request.db.transaction { db in
            let membership = Membership(projectID: access.projectID, userID: try user.requireID(), role: role)
            try await membership.create(on: db)
            try await AuditLog.record(
                AuditEvent("membership.added", kind: "membership", id: membership.id?.uuidString.lowercased(),
                           key: user.email, project: access.projectID, after: ["user": user.email, "role": role.rawValue]),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "\(user.displayName) is now a \(role.rawValue) of \(access.key).")
        return request.redirect(to: ProjectRoute.members(key: access.key).path, redirectType: .normal)
    }

    @Sendable static func changeRole(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let userID = try memberParameter(request)
        guard let role = ProjectRole(rawValue: try request.content.decode(RoleForm.self).role ?? "") else {
            throw Abort(.unprocessableEntity, reason: "The role must be viewer, editor or lead.")
        }
        let name = try await request.db.transaction { db -> String in
            guard let membership = try await membership(of: userID, in: access, on: db) else {
                throw Abort(.notFound, reason: "That person is not a member of \(access.key).")
            }
            let before = membership.role
            if before == .lead && role != .lead { try await requireAnotherLead(besides: userID, in: access, on: db) }
            membership.role = role
            try await membership.update(on: db)
            try await AuditLog.record(
                AuditEvent("membership.role-changed", kind: "membership", id: membership.id?.uuidString.lowercased(),
                           key: membership.user.email, project: access.projectID,
                           before: ["role": before.rawValue], after: ["role": role.rawValue]),
                by: request.auditActor, on: db, at: request.now)
            return membership.user.displayName
        }
        request.flash(.success, "\(name) is now a \(role.rawValue) of \(access.key).")
        return request.redirect(to: ProjectRoute.members(key: access.key).path, redirectType: .normal)
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let userID = try memberParameter(request)
        let name = try await request.db.transaction { db -> String in
            guard let membership = try await membership(of: userID, in: access, on: db) else {
                throw Abort(.notFound, reason: "That person is not a member of \(access.key).")
            }
            if membership.role == .lead { try await requireAnotherLead(besides: userID, in: access, on: db) }
            try await membership.delete(on: db)
            try await AuditLog.record(
                AuditEvent("membership.removed", kind: "membership", id: membership.id?.uuidString.lowercased(),
                           key: membership.user.email, project: access.projectID,
                           before: ["user": membership.user.email, "role": membership.role.rawValue]),
                by: request.auditActor, on: db, at: request.now)
            return membership.user.displayName
        }
        request.flash(.success, "\(name) is no longer a member of \(access.key).")
        if userID == request.identity?.userID && request.identity?.isSiteAdmin == false {
            return request.redirect(to: ProjectRoute.list.path, redirectType: .normal)
        }
        return request.redirect(to: ProjectRoute.members(key: access.key).path, redirectType: .normal)
    }

    static func memberParameter(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get("userID").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "That person is not a member of this project.")
        }
        return id
    }

    static func membership(of userID: UUID, in access: ProjectAccess, on database: any Database) async throws
        -> Membership?
    {
        try await Membership.query(on: database).filter(\.$project.$id == access.projectID)
            .filter(\.$user.$id == userID).with(\.$user).first()
    }

    /// A project always keeps a lead, so someone can govern it without an administrator.
    static func requireAnotherLead(besides userID: UUID, in access: ProjectAccess, on database: any Database)
        async throws
    {
        let others = try await Membership.query(on: database).filter(\.$project.$id == access.projectID)
            .filter(\.$role == .lead).filter(\.$user.$id != userID).count()
        guard others > 0 else {
            throw Abort(.conflict, reason: "\(access.key) needs at least one lead: make someone else lead first.")
        }
    }
}
