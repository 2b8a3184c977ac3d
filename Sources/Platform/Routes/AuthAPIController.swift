import Fluent
import SQLKit
import Foundation
import Vapor

/// API sign-in: access JWT + rotating refresh token, sign-out, and who am I.
enum AuthAPIController {
    struct LoginBody: Content {
        var email: String?
        var password: String?
    }

    struct RefreshBody: Content {
        var refreshToken: String?
        enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
    }

    struct TokenPair: Content {
        var accessToken: String
        var tokenType = "Bearer"
        var expiresIn: Int
        var refreshToken: String
        var refreshExpiresIn: Int

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
            case refreshToken = "refresh_token", refreshExpiresIn = "refresh_expires_in"
        }

        static let schema = JSONSchema.object([
            ("access_token", .string(description: "JWT for `Authorization: Bearer`; valid 15 minutes")),
            ("token_type", .string(enumValues: ["Bearer"])),
            ("expires_in", .integer(description: "Seconds until the access token expires")),
            ("refresh_token", .string(description: "Opaque; single use — each refresh returns a new one")),
            ("refresh_expires_in", .integer(description: "Seconds until the refresh token expires unless used")),
        ], required: ["access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in"])
    }

    struct Me: Content {
        var id: UUID
        var email: String
        var displayName: String
        var isSiteAdmin: Bool
        enum CodingKeys: String, CodingKey {
            case id, email
            case displayName = "display_name", isSiteAdmin = "is_site_admin"
        }
        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("email", .string(format: "email")), ("display_name", .string()),
            ("is_site_admin", .boolean()),
        ], required: ["id", "email", "display_name", "is_site_admin"])
    }

    static let refreshRule = RateLimiter.Rule(60, per: 60)

    @Sendable static func login(_ request: Request) async throws -> Response {
        let body = try request.content.decode(LoginBody.self)
        let email = User.normalise(email: body.email ?? "")
        if let refusal = try await request.loginThrottle.admit(email: email, ip: request.clientIP, now: request.now) {
            throw refusal.error
        }
        guard let user = try await LoginController.authenticate(email: email, password: body.password ?? "", on: request)
        else {
            try await LoginController.recordFailure(email: email, on: request)
            throw Abort(.unauthorized, reason: "The email or password is not correct.")
        }
        try await request.loginThrottle.succeeded(email: email, ip: request.clientIP)
        let pair = try await request.db.transaction { db -> TokenPair in
            let sessions = SessionStore(database: db, config: request.config)
            let sessionID = try await sessions.start(
                for: user, ip: request.clientIP, userAgent: request.headers.first(name: .userAgent) ?? "",
                kind: .api, now: request.now)
            let pair = try await issue(userID: try user.requireID(), sessionID: sessionID, on: db, request: request)
            try await AuditLog.record(
                AuditEvent("user.signed-in", kind: "user", id: user.id?.uuidString.lowercased(), key: user.email, note: "api"),
                by: AuditActor(userID: user.id, label: user.email, requestID: request.requestID, ip: request.clientIP),
                on: db, at: request.now)
            return pair
        }
        return try await pair.encodeResponse(status: .ok, for: request).noStore()
    }

    /// Rotates a refresh token. A token that was already rotated means two parties hold it: the whole session
    /// (its family) is revoked and audited, and both parties must sign in again.
    @Sendable static func refresh(_ request: Request) async throws -> Response {
        try await request.rateLimit("refresh:\(request.clientIP)", refreshRule, reason: "Too many token refreshes.")
        let presented = try request.content.decode(RefreshBody.self).refreshToken ?? ""
        let refused = Abort(.unauthorized, reason: "The refresh token is not valid; sign in again.")
        guard !presented.isEmpty,
            let record = try await RefreshToken.find(SecretToken.hash(presented), on: request.db)
        else { throw refused }
        let now = request.now
        let sessionID = record.$session.id
        if record.rotatedAt != nil {
            try await revokeFamily(sessionID: sessionID, request: request)
            throw refused
        }
        guard record.expiresAt > now,
            let (_, user) = try await request.sessions.resolve(id: sessionID, kind: .api, now: now)
        else { throw refused }
        let pair = try await request.db.transaction { db -> TokenPair? in
            // Claim the token: of two concurrent refreshes with the same token exactly one wins.
            let sql = db as! any SQLDatabase
            let won = try await sql.raw("""
                UPDATE refresh_tokens SET rotated_at = \(bind: now) WHERE id = \(bind: record.id ?? "") AND rotated_at IS NULL
                RETURNING id
                """).first()
            guard won != nil else { return nil }
            return try await issue(userID: try user.requireID(), sessionID: sessionID, on: db, request: request)
        }
        guard let pair else {
            try await revokeFamily(sessionID: sessionID, request: request)
            throw refused
        }
        return try await pair.encodeResponse(status: .ok, for: request).noStore()
    }

    static func revokeFamily(sessionID: String, request: Request) async throws {
        try await request.db.transaction { db in
            let session = try await UserSession.query(on: db).filter(\.$id == sessionID).with(\.$user).first()
            try await UserSession.query(on: db).filter(\.$id == sessionID).delete()
            try await AuditLog.record(
                AuditEvent("session.refresh-token-reused", kind: "user", id: session?.$user.id.uuidString.lowercased(),
                           key: session?.user.email, note: "a rotated refresh token was presented again; the session was revoked"),
                by: AuditActor(userID: session?.$user.id, label: session?.user.email ?? "unknown",
                               requestID: request.requestID, ip: request.clientIP),
                on: db, at: request.now)
        }
        request.logger.warning("refresh token reused; session revoked", metadata: ["session": .string(String(sessionID.prefix(8)))])
    }

    /// A new access token and refresh token for `sessionID`; the refresh token lives as long as the session may
    /// stay idle, and never beyond the session's absolute end.
    static func issue(userID: UUID, sessionID: String, on db: any Database, request: Request) async throws -> TokenPair {
        let now = request.now
        guard let session = try await UserSession.find(sessionID, on: db) else { throw Abort(.unauthorized) }
        let refresh = SecretToken.generate()
        let record = RefreshToken()
        record.id = SecretToken.hash(refresh)
        record.$session.id = sessionID
        record.createdAt = now
        record.expiresAt = min(session.expiresAt, now.addingTimeInterval(request.config.sessionIdleTimeout))
        try await record.create(on: db)
        let access = try await request.application.accessTokens.issue(userID: userID, sessionID: sessionID, now: now)
        return TokenPair(accessToken: access, expiresIn: Int(AccessTokens.lifetime), refreshToken: refresh,
                         refreshExpiresIn: Int(record.expiresAt.timeIntervalSince(now)))
    }

    @Sendable static func logout(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard request.tokenScope == nil else {
            throw Abort(.badRequest, reason: "Personal access tokens are revoked on the account page, not signed out.")
        }
        try await request.db.transaction { db in
            try await SessionStore(database: db, config: request.config).end(identity.sessionID)
            try await AuditLog.record(
                AuditEvent("user.signed-out", kind: "user", id: identity.userID.uuidString.lowercased(),
                           key: identity.email, note: "api"),
                by: request.auditActor, on: db, at: request.now)
        }
        return Response(status: .noContent)
    }

    @Sendable static func me(_ request: Request) async throws -> Me {
        let identity = try request.requireIdentity()
        return Me(id: identity.userID, email: identity.email, displayName: identity.displayName,
                  isSiteAdmin: identity.isSiteAdmin)
    }
}

extension Response {
    /// Token responses must not be stored by any cache (RFC 6749 §5.1).
    func noStore() -> Response {
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return self
    }
}
