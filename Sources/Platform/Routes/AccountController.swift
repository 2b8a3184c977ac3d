import Fluent
import Foundation
import Vapor

/// The signed-in user's own account: password change and sessions.
enum AccountController {
    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var newPasswordConfirmation: String?
        var endOtherSessions: String?

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password"
            case newPassword = "new_password"
            case newPasswordConfirmation = "new_password_confirmation"
            case endOtherSessions = "end_other_sessions"
        }
    }

    struct TokenForm: Content {
        var name: String?
        var project: String?
        var role: String?
        var days: Int?
    }

    static let tokenLifetimes = [7, 30, 90, 365]

    /// The page's data: the user, their live sessions (newest first), access tokens and projects.
    static func query(identity: Identity, on database: any Database, now: Date = Date()) async throws -> AccountPage.Model {
        let sessions = try await UserSession.query(on: database).filter(\.$user.$id == identity.userID)
            .filter(\.$expiresAt > now).sort(\.$lastSeenAt, .descending).all()
        let tokens = try await PersonalAccessToken.query(on: database).filter(\.$user.$id == identity.userID)
            .with(\.$project).sort(\.$createdAt, .descending).all()
        let memberships = try await Membership.query(on: database).filter(\.$user.$id == identity.userID)
            .with(\.$project).all()
        return AccountPage.Model(
            email: identity.email, displayName: identity.displayName, isSiteAdmin: identity.isSiteAdmin,
            sessions: sessions.map {
                .init(id: $0.id ?? "", createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, ip: $0.ip,
                      userAgent: $0.kind == .api ? "API client · " + $0.userAgent : $0.userAgent,
                      isCurrent: $0.id == identity.sessionID)
            },
            tokens: tokens.map {
                .init(id: $0.id!, name: $0.name, project: $0.project.key, role: $0.role, hint: $0.hint,
                      createdAt: $0.createdAt, expiresAt: $0.expiresAt, lastUsedAt: $0.lastUsedAt,
                      isExpired: $0.expiresAt <= now)
            },
            projects: memberships.filter { $0.project.status == .active }.map { ($0.project.key, $0.role) }
                .sorted { $0.0 < $1.0 })
    }

    /// Creates a personal access token and shows it once, on this response only (never in a redirect or flash).
    @Sendable static func createToken(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try request.content.decode(TokenForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 80 { errors.append(.init(field: "name", reason: "the name must be 1–80 characters")) }
        let key = form.project ?? ""
        let project = try await Project.query(on: request.db).filter(\.$key == key).first()
        var membership: Membership?
        if let projectID = project?.id {
            membership = try await Membership.query(on: request.db).filter(\.$project.$id == projectID)
                .filter(\.$user.$id == identity.userID).first()
        }
        let role = ProjectRole(rawValue: form.role ?? "")
        if membership == nil || project?.status != .active {
            errors.append(.init(field: "project", reason: "the project must be an active project you are a member of"))
        } else if role == nil || role! > membership!.role {
            errors.append(.init(field: "role", reason: "the role must be at most your own role in \(key) (\(membership!.role.rawValue))"))
        }
        let days = form.days ?? 0
        if !tokenLifetimes.contains(days) { errors.append(.init(field: "days", reason: "the lifetime must be 7, 30, 90 or 365 days")) }
        guard errors.isEmpty, let project, let role else {
            let model = try await query(identity: identity, on: request.db, now: request.now)
            return request.render(AccountPage(model: model, csrfToken: request.csrfToken, tokenErrors: errors),
                                  status: .unprocessableEntity)
        }
        let secret = PersonalAccessToken.prefix + SecretToken.generate()
        let token = PersonalAccessToken()
        token.$user.id = identity.userID
        token.$project.id = try project.requireID()
        token.name = name
        token.role = role
        token.tokenHash = SecretToken.hash(secret)
        token.hint = String(secret.suffix(4))
        token.createdAt = request.now
        token.expiresAt = request.now.addingTimeInterval(Double(days) * 86_400)
        try await request.db.transaction { db in
            try await token.create(on: db)
            try await AuditLog.record(
                AuditEvent("token.created", kind: "personal-access-token", id: token.id?.uuidString.lowercased(), key: name,
                           project: project.id, after: ["name": name, "role": role.rawValue, "expires_in_days": String(days)]),
                by: request.auditActor, on: db, at: request.now)
        }
        let model = try await query(identity: identity, on: request.db, now: request.now)
        let response = request.render(AccountPage(model: model, csrfToken: request.csrfToken,
                                                  newToken: (name: name, secret: secret)), status: .created)
        return response
    }

    @Sendable static func revokeToken(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let token = try await PersonalAccessToken.query(on: request.db).filter(\.$id == id)
                .filter(\.$user.$id == identity.userID).first()
        else { throw Abort(.notFound, reason: "There is no such token of yours.") }
        try await request.db.transaction { db in
            try await token.delete(on: db)
            try await AuditLog.record(
                AuditEvent("token.revoked", kind: "personal-access-token", id: id.uuidString.lowercased(), key: token.name,
                           project: token.$project.id),
                by: request.auditActor, on: db, at: request.now)
        }
        request.flash(.success, "The token “\(token.name)” has been revoked.")
        return request.redirect(to: IdentityRoute.account.path, redirectType: .normal)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let model = try await query(identity: identity, on: request.db)
        return request.render(AccountPage(model: model, csrfToken: request.csrfToken))
    }

    @Sendable static func changePassword(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try request.content.decode(PasswordForm.self)
        guard let user = try await User.find(identity.userID, on: request.db) else { throw SignInRequired() }
        var errors: [ProblemDetails.FieldError] = []
        let current = form.currentPassword ?? ""
        let currentIsRight = current.isEmpty
            ? false : try await request.application.passwords.verify(current, against: user.passwordHash)
        if !currentIsRight {
            errors.append(.init(field: "current_password", reason: "is not your current password"))
        }
        let new = form.newPassword ?? ""
        errors += PasswordPolicy.problems(new, confirmation: form.newPasswordConfirmation ?? "", field: "new_password")
        if errors.isEmpty, new == current {
            errors.append(.init(field: "new_password", reason: "must differ from the current password"))
        }
        guard errors.isEmpty else {
            let model = try await query(identity: identity, on: request.db)
            return request.render(AccountPage(model: model, csrfToken: request.csrfToken, passwordErrors: errors),
                                  status: .unprocessableEntity)
        }
        user.passwordHash = try await request.application.passwords.hash(new)
        user.passwordChangedAt = request.now
        let endOthers = form.endOtherSessions != nil
        try await request.db.transaction { db in
            try await user.update(on: db)
            if endOthers {
                try await SessionStore(database: db, config: request.config)
                    .endAll(of: identity.userID, except: identity.sessionID)
            }
            try await AuditLog.record(
                AuditEvent("user.password-changed", kind: "user", id: identity.userID.uuidString.lowercased(),
                           key: identity.email, note: endOthers ? "other sessions ended" : nil),
                by: request.auditActor, on: db, at: request.now)
        }
        request.logger.notice("password changed", metadata: ["ended-other-sessions": .stringConvertible(endOthers)])
        request.flash(.success, endOthers ? "Password changed. Your other sessions have been signed out." : "Password changed.")
        return request.redirect(to: IdentityRoute.account.path, redirectType: .normal)
    }

    @Sendable static func revokeSession(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let id = try request.parameters.require("id")
        // Only one's own sessions: another user's id is simply not found.
        let owned = try await UserSession.query(on: request.db).filter(\.$id == id)
            .filter(\.$user.$id == identity.userID).count()
        guard owned == 1 else { throw Abort(.notFound, reason: "There is no such session of yours.") }
        try await request.db.transaction { db in
            try await SessionStore(database: db, config: request.config).end(id)
            try await AuditLog.record(
                AuditEvent("session.revoked", kind: "user", id: identity.userID.uuidString.lowercased(),
                           key: identity.email),
                by: request.auditActor, on: db, at: request.now)
        }
        if id == identity.sessionID {
            let response = request.redirect(to: IdentityRoute.login.path, redirectType: .normal)
            response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie
            return response
        }
        request.flash(.success, "The session has been signed out.")
        return request.redirect(to: IdentityRoute.account.path, redirectType: .normal)
    }
}
