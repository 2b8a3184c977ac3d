import Fluent
import Foundation
import Vapor

/// Sign-in and sign-out with a password.
enum LoginController {
    struct Form: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        if request.identity != nil { return request.redirect(to: PlatformRoute.home.path) }
        let next = safeNext(request.query[String.self, at: "next"])
        return request.render(LoginPage(csrfToken: request.csrfToken, next: next))
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let email = User.normalise(email: form.email ?? "")
        let password = form.password ?? ""
        let next = safeNext(form.next)
        let ip = request.clientIP
        if let refusal = try await request.loginThrottle.admit(email: email, ip: ip, now: request.now) {
            request.logger.notice("sign-in refused", metadata: [
                "email": .string(String(email.prefix(254))), "reason": .string("\(refusal)"),
            ])
            let response = request.render(
                LoginPage(csrfToken: request.csrfToken, next: next, email: email, error: refusal.message),
                status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(refusal.retryAfter))
            return response
        }
        guard let user = try await authenticate(email: email, password: password, on: request) else {
            request.logger.notice("sign-in failed", metadata: ["email": .string(String(email.prefix(254)))])
            try await recordFailure(email: email, on: request)
            return request.render(
                LoginPage(csrfToken: request.csrfToken, next: next, email: email,
                          error: "The email or password is not correct."),
                status: .unauthorized)
        }
        try await request.loginThrottle.succeeded(email: email, ip: ip)
        // A new session id at every sign-in (no fixation); any session the browser had is ended.
        if let previous = request.identity?.sessionID { try await request.sessions.end(previous) }
        let token = try await request.sessions.start(
            for: user, ip: request.clientIP, userAgent: request.headers.first(name: .userAgent) ?? "")
        let userID = try user.requireID().uuidString
        request.logger.notice("signed in", metadata: ["user-id": .string(userID)])
        try await AuditLog.record(
            AuditEvent("user.signed-in", kind: "user", id: userID.lowercased(), key: user.email, note: "web"),
            by: AuditActor(userID: user.id, label: user.email, requestID: request.requestID, ip: request.clientIP),
            on: request.db, at: request.now)
        let response = request.redirect(to: next ?? PlatformRoute.home.path, redirectType: .normal)
        response.cookies[SessionStore.cookieName] = request.sessions.cookie(token)
        return response
    }

    @Sendable static func logout(_ request: Request) async throws -> Response {
        if let identity = request.identity {
            try await request.db.transaction { db in
                try await SessionStore(database: db, config: request.config).end(identity.sessionID)
                try await AuditLog.record(
                    AuditEvent("user.signed-out", kind: "user", id: identity.userID.uuidString.lowercased(),
                               key: identity.email),
                    by: request.auditActor, on: db, at: request.now)
            }
        }
        request.flash(.info, "You have signed out.")
        let response = request.redirect(to: IdentityRoute.login.path, redirectType: .normal)
        response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie
        return response
    }

    /// Counts a wrong password; the failure that locks an existing account is audited.
    static func recordFailure(email: String, on request: Request) async throws {
        let locked = try await request.loginThrottle.failed(email: email, ip: request.clientIP, now: request.now)
        guard locked, let user = try await User.find(email: email, on: request.db) else { return }
        request.logger.warning("account locked after failed sign-ins", metadata: ["email": .string(user.email)])
        try await AuditLog.record(
            AuditEvent("user.locked", kind: "user", id: user.id?.uuidString.lowercased(), key: user.email,
                       note: "too many failed sign-ins"),
            by: request.auditActor, on: request.db, at: request.now)
    }

    /// The user if the password is right and the account active; the same time is spent when no user exists.
    static func authenticate(email: String, password: String, on request: Request) async throws -> User? {
        guard let user = try await User.find(email: email, on: request.db) else {
            await request.application.passwords.verifyDummy(password)
            return nil
        }
        guard try await request.application.passwords.verify(password, against: user.passwordHash), user.isActive
        else { return nil }
        return user
    }

    /// Only local paths: `next` must never send the user to another site.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count < 2000,
            !next.contains(where: { $0.isNewline })
        else { return nil }
        return next
    }
}
