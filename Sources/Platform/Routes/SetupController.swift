import Fluent
import Foundation
import Vapor

/// The first administrator: created through the one-time link `sesa serve` prints on a fresh install.
enum SetupController {
    struct Form: Content {
        var email: String?
        var displayName: String?
        var password: String?
        var passwordConfirmation: String?

        enum CodingKeys: String, CodingKey {
            case email, password
            case displayName = "display_name"
            case passwordConfirmation = "password_confirmation"
        }
    }

    /// Creates (replacing unused ones) a set-up link token when no user exists yet; nil once anyone exists.
    static func issueToken(on database: any Database, now: Date = Date()) async throws -> String? {
        guard try await User.query(on: database).count() == 0 else { return nil }
        let token = SecretToken.generate()
        try await database.transaction { transaction in
            try await SetupToken.query(on: transaction).filter(\.$usedAt == nil).delete()
            let record = SetupToken()
            record.id = SecretToken.hash(token)
            record.createdAt = now
            record.expiresAt = now.addingTimeInterval(24 * 3600)
            try await record.create(on: transaction)
        }
        return token
    }

    /// The valid, unused set-up token, or 404 — the same answer for a wrong, used or expired link.
    static func query(token: String, on database: any Database, now: Date = Date()) async throws -> SetupToken {
        guard try await User.query(on: database).count() == 0,
            let record = try await SetupToken.find(SecretToken.hash(token), on: database),
            record.usedAt == nil, record.expiresAt > now
        else { throw Abort(.notFound, reason: "This set-up link is not valid (any more).") }
        return record
    }

    /// Guessing set-up links is throttled per address (the token has 256 bits; this keeps logs quiet).
    static let rule = RateLimiter.Rule(20, per: 15 * 60)

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await request.rateLimit("setup:\(request.clientIP)", rule, reason: "Too many set-up attempts from your address.")
        let token = try request.parameters.require("token")
        _ = try await query(token: token, on: request.db)
        return request.render(SetupPage(action: IdentityRoute.setup(token: token).path, csrfToken: request.csrfToken))
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        try await request.rateLimit("setup:\(request.clientIP)", rule, reason: "Too many set-up attempts from your address.")
        let token = try request.parameters.require("token")
        let form = try request.content.decode(Form.self)
        let email = User.normalise(email: form.email ?? "")
        let name = (form.displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.password ?? ""
        var errors: [ProblemDetails.FieldError] = []
        if !User.isPlausible(email: email) { errors.append(.init(field: "email", reason: "must be an email address")) }
        if name.isEmpty || name.count > 120 { errors.append(.init(field: "display_name", reason: "must be 1–120 characters")) }
        errors += PasswordPolicy.problems(password, confirmation: form.passwordConfirmation ?? "")
        let page = SetupPage(action: IdentityRoute.setup(token: token).path, csrfToken: request.csrfToken,
                             email: email, displayName: name, errors: errors)
        guard errors.isEmpty else {
            _ = try await query(token: token, on: request.db)
            return request.render(page, status: .unprocessableEntity)
        }
        let hash = try await request.application.passwords.hash(password)
        let user = User(email: email, displayName: name, passwordHash: hash, isSiteAdmin: true)
        // One transaction: the token is consumed only if the administrator is created, and only one can be.
        try await request.db.transaction { transaction in
            let record = try await query(token: token, on: transaction)
            record.usedAt = Date()
            try await record.update(on: transaction)
            try await user.create(on: transaction)
            try await AuditLog.record(
                AuditEvent("user.created", kind: "user", id: user.id?.uuidString.lowercased(), key: user.email,
                           after: ["email": user.email, "display_name": user.displayName, "site_admin": "true"],
                           note: "first administrator, through the set-up link"),
                by: AuditActor(userID: user.id, label: user.email, requestID: request.requestID, ip: request.clientIP),
                on: transaction, at: request.now)
        }
        let sessionToken = try await request.sessions.start(
            for: user, ip: request.clientIP, userAgent: request.headers.first(name: .userAgent) ?? "")
        let userID = try user.requireID().uuidString
        request.logger.notice("first administrator created", metadata: ["user-id": .string(userID)])
        request.flash(.success, "Welcome, \(name). You are the administrator of this SESA instance.")
        let response = request.redirect(to: PlatformRoute.home.path, redirectType: .normal)
        response.cookies[SessionStore.cookieName] = request.sessions.cookie(sessionToken)
        return response
    }
}
