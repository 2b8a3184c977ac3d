import Fluent
import Foundation
import Vapor

/// Site administration of people.
enum AdminUsersController {
    struct CreateForm: Content {
        var email: String?
        var displayName: String?
        var password: String?
        var passwordConfirmation: String?
        var siteAdmin: String?

        enum CodingKeys: String, CodingKey {
            case email, password
            case displayName = "display_name"
            case passwordConfirmation = "password_confirmation"
            case siteAdmin = "site_admin"
        }
    }

    struct UpdateForm: Content {
        var active: String?
        var siteAdmin: String?

        enum CodingKeys: String, CodingKey {
            case active
            case siteAdmin = "site_admin"
        }
    }

    static func query(identity: Identity, on request: Request) async throws -> [AdminUsersPage.Row] {
        let users = try await User.query(on: request.db).sort(\.$displayName).all()
        let memberships = try await Membership.query(on: request.db).all()
        var projects: [UUID: Int] = [:]
        for membership in memberships { projects[membership.$user.id, default: 0] += 1 }
        let policy = LoginThrottle.Policy()
        var rows: [AdminUsersPage.Row] = []
        for user in users {
            let id = try user.requireID()
            let failures = try await request.rateLimiter.peek(
                LoginThrottle.accountBucket(user.email), window: policy.perAccount.window, now: request.now)
            rows.append(.init(id: id, name: user.displayName, email: user.email, isActive: user.isActive,
                              isSiteAdmin: user.isSiteAdmin, projects: projects[id] ?? 0,
                              isLocked: failures.hits >= policy.perAccount.limit, isYou: id == identity.userID))
        }
        return rows
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        return request.render(AdminUsersPage(rows: try await query(identity: identity, on: request), csrfToken: request.csrfToken))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try request.content.decode(CreateForm.self)
        let email = User.normalise(email: form.email ?? "")
        let name = (form.displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.password ?? ""
        var errors: [ProblemDetails.FieldError] = []
        if !User.isPlausible(email: email) {
            errors.append(.init(field: "email", reason: "must be an email address"))
        } else if try await User.find(email: email, on: request.db) != nil {
            errors.append(.init(field: "email", reason: "somebody already has this email"))
        }
        if name.isEmpty || name.count > 120 { errors.append(.init(field: "display_name", reason: "must be 1–120 characters")) }
        errors += PasswordPolicy.problems(password, confirmation: form.passwordConfirmation ?? "")
        guard errors.isEmpty else {
            return request.render(AdminUsersPage(
                rows: try await query(identity: identity, on: request), csrfToken: request.csrfToken,
                newUser: .init(email: email, name: name, isSiteAdmin: form.siteAdmin != nil), errors: errors),
                status: .unprocessableEntity)
        }
        let user = User(email: email, displayName: name, passwordHash: try await request.application.passwords.hash(password),
                        isSiteAdmin: form.siteAdmin != nil, now: request.now)
        try await request.db.transaction { db in
            try await user.create(on: db)
            try await AuditLog.record(
                AuditEvent("user.created", kind: "user", id: user.id?.uuidString.lowercased(), key: email,
                           after: ["email": email, "display_name": name, "site_admin": String(user.isSiteAdmin)]),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "\(name) can now sign in as \(email).")
        return request.redirect(to: AdminRoute.users.path, redirectType: .normal)
    }

    /// Disables or enables an account, or grants or revokes site administration. Disabling ends the person's
    /// sessions at once. Administrators cannot change themselves here, and the last active administrator stays.
    @Sendable static func update(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard let userID = request.parameters.get("userID").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        guard userID != identity.userID else {
            throw Abort(.conflict, reason: "You cannot disable yourself or change your own administration rights.")
        }
        let form = try request.content.decode(UpdateForm.self)
        let message = try await request.db.transaction { db -> String in
            guard let user = try await User.find(userID, on: db) else { throw Abort(.notFound, reason: "There is no such user.") }
            let before = ["active": String(user.isActive), "site_admin": String(user.isSiteAdmin)]
            if let active = form.active { user.isActive = active == "1" }
            if let admin = form.siteAdmin { user.isSiteAdmin = admin == "1" }
            let after = ["active": String(user.isActive), "site_admin": String(user.isSiteAdmin)]
            guard before != after else { return "Nothing changed." }
            try await user.update(on: db)
            if !user.isActive { try await SessionStore(database: db, config: request.config).endAll(of: userID) }
            let action = before["active"] != after["active"]
                ? (user.isActive ? "user.enabled" : "user.disabled")
                : (user.isSiteAdmin ? "user.admin-granted" : "user.admin-revoked")
            try await AuditLog.record(
                AuditEvent(action, kind: "user", id: userID.uuidString.lowercased(), key: user.email, before: before, after: after),
                by: request.auditActor, on: db, at: request.now)
            switch action {
            case "user.enabled": return "\(user.displayName) can sign in again."
            case "user.disabled": return "\(user.displayName) is disabled and has been signed out everywhere."
            case "user.admin-granted": return "\(user.displayName) is now a site administrator."
            default: return "\(user.displayName) is no longer a site administrator."
            }
        }
        request.flash(.success, message)
        return request.redirect(to: AdminRoute.users.path, redirectType: .normal)
    }

    @Sendable static func unlock(_ request: Request) async throws -> Response {
        guard let userID = request.parameters.get("userID").flatMap(UUID.init(uuidString:)),
            let user = try await User.find(userID, on: request.db)
        else { throw Abort(.notFound, reason: "There is no such user.") }
        try await request.db.transaction { db in
            try await LoginThrottle(limiter: RateLimiter(database: db)).unlock(email: user.email)
            try await AuditLog.record(
                AuditEvent("user.unlocked", kind: "user", id: userID.uuidString.lowercased(), key: user.email),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "\(user.displayName) can try to sign in again.")
        return request.redirect(to: AdminRoute.users.path, redirectType: .normal)
    }
}
