import Fluent
import Foundation
import Vapor

/// Starts, resolves and ends browser sessions (rows in `user_sessions`).
public struct SessionStore: Sendable {
    public static let cookieName = "__Host-sesa"
    /// `last_seen_at` is written at most this often, so reads do not turn every request into a write.
    static let touchInterval: TimeInterval = 60

    let database: any Database
    let config: AppConfig

    public init(database: any Database, config: AppConfig) {
        self.database = database
        self.config = config
    }

    /// A new session for `user`; returns the cookie token (the only place it ever exists in clear).
    public func start(for user: User, ip: String, userAgent: String, kind: UserSession.Kind = .browser,
                      now: Date = Date()) async throws -> String {
        let token = SecretToken.generate()
        let session = UserSession()
        // API sessions are named by their `sid` claim, which is not a secret; browser sessions by the cookie's hash.
        session.id = kind == .browser ? SecretToken.hash(token) : token
        session.kind = kind
        session.$user.id = try user.requireID()
        session.createdAt = now
        session.lastSeenAt = now
        session.expiresAt = now.addingTimeInterval(config.sessionMaxAge)
        session.ip = String(ip.prefix(64))
        session.userAgent = String(userAgent.prefix(300))
        try await session.create(on: database)
        return token
    }

    /// The live browser session and active user behind `token`; expired, idle or orphaned sessions are deleted.
    public func resolve(token: String, now: Date = Date()) async throws -> (UserSession, User)? {
        try await resolve(id: SecretToken.hash(token), kind: .browser, now: now)
    }

    /// The live session `id` of `kind` and its active user; expired, idle or orphaned sessions are deleted.
    public func resolve(id: String, kind: UserSession.Kind, now: Date = Date()) async throws -> (UserSession, User)? {
        guard let session = try await UserSession.query(on: database).filter(\.$id == id)
            .filter(\.$kind == kind).with(\.$user).first()
        else { return nil }
        let idle = now.timeIntervalSince(session.lastSeenAt) > config.sessionIdleTimeout
        guard now < session.expiresAt, !idle, session.user.isActive else {
            try await session.delete(on: database)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            session.lastSeenAt = now
            try await session.update(on: database)
        }
        return (session, session.user)
    }

    public func end(_ sessionID: String) async throws {
        try await UserSession.query(on: database).filter(\.$id == sessionID).delete()
    }

    /// Ends every session of `userID` except `keep` (after a password change, or "sign out everywhere").
    public func endAll(of userID: UUID, except keep: String? = nil) async throws {
        var query = UserSession.query(on: database).filter(\.$user.$id == userID)
        if let keep { query = query.filter(\.$id != keep) }
        try await query.delete()
    }

    /// The cookie carrying `token`: `__Host-` prefix (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax.
    public func cookie(_ token: String) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: Int(config.sessionMaxAge), path: "/", isSecure: true,
                          isHTTPOnly: true, sameSite: .lax)
    }

    public static var expiredCookie: HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: true,
                          isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    public var sessions: SessionStore { SessionStore(database: db, config: application.config) }

    /// The client address for logs and session lists: the socket peer, or `X-Forwarded-For`'s first hop only
    /// behind a proxy we were told to trust (`SESA_TRUST_PROXY`), so clients cannot spoof it (ASVS 4.1.3).
    public var clientIP: String {
        if application.config.trustProxy, let forwarded = headers.first(name: .xForwardedFor)?
            .split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty
        {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
