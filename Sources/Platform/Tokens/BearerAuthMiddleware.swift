import Fluent
import Foundation
import Vapor

/// What a personal access token may reach: one project, at most one role.
public struct TokenScope: Sendable {
    public let tokenID: UUID
    public let projectID: UUID
    public let role: ProjectRole
}

extension Request {
    private struct TokenScopeKey: StorageKey { typealias Value = TokenScope }

    /// Set when the request authenticated with a personal access token.
    public var tokenScope: TokenScope? {
        get { storage[TokenScopeKey.self] }
        set { storage[TokenScopeKey.self] = newValue }
    }
}

/// Authenticates `/api/` requests: `Authorization: Bearer <access JWT>` (checked against its API session on
/// every request) or `Bearer sesa_pat_…` (a personal access token). The API never accepts the browser's session
/// cookie — it is exempt from CSRF checks, so a cookie must not authenticate it. A bearer token that does not
/// verify is 401 at once, never treated as anonymous.
public struct BearerAuthMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        guard let authorization = request.headers.first(name: .authorization) else {
            return try await next.respond(to: request)
        }
        guard let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty else {
            throw BearerRefused(reason: "Send the token as `Authorization: Bearer <token>`.", scheme: authorization)
        }
        if bearer.hasPrefix(PersonalAccessToken.prefix) {
            try await authenticate(personalAccessToken: bearer, request)
        } else {
            try await authenticate(accessToken: bearer, request)
        }
        return try await next.respond(to: request)
    }

    private func authenticate(accessToken token: String, _ request: Request) async throws {
        let claims: AccessTokenClaims
        do {
            claims = try await request.application.accessTokens.verify(token, now: request.now)
        } catch let invalid as InvalidAccessToken {
            request.logger.info("access token refused", metadata: ["why": .string(invalid.why)])
            throw BearerRefused(reason: "The access token is not valid or has expired.")
        }
        guard let (session, user) = try await request.sessions.resolve(id: claims.sid, kind: .api, now: request.now),
            user.id?.uuidString.lowercased() == claims.sub.value
        else {
            throw BearerRefused(reason: "The session of this access token has ended.")
        }
        request.identity = Identity(userID: try user.requireID(), email: user.email, displayName: user.displayName,
                                    isSiteAdmin: user.isSiteAdmin, sessionID: try session.requireID())
    }

    private func authenticate(personalAccessToken token: String, _ request: Request) async throws {
        let now = request.now
        guard let record = try await PersonalAccessToken.query(on: request.db)
            .filter(\.$tokenHash == SecretToken.hash(token)).with(\.$user).first(),
            record.expiresAt > now, record.user.isActive
        else {
            throw BearerRefused(reason: "The personal access token is not valid, has expired or was revoked.")
        }
        let user = record.user
        if record.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            record.lastUsedAt = now
            try await record.update(on: request.db)
        }
        request.identity = Identity(userID: try user.requireID(), email: user.email, displayName: user.displayName,
                                    isSiteAdmin: false, sessionID: "pat:" + (record.id?.uuidString.lowercased() ?? ""))
        request.tokenScope = TokenScope(tokenID: try record.requireID(), projectID: record.$project.id, role: record.role)
    }
}

/// 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750).
struct BearerRefused: AbortError {
    let reason: String
    var scheme: String? = nil
    var status: HTTPResponseStatus { .unauthorized }
    var headers: HTTPHeaders { ["WWW-Authenticate": #"Bearer realm="sesa", error="invalid_token""#] }
}

/// Per-user (or, before sign-in, per-address) request rate on the API, counted in the database so every
/// instance shares it: `SESA_API_RATE_LIMIT` a minute, then 429 + `Retry-After`.
public struct APIRateLimitMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        let who = request.identity.map { "user:" + $0.userID.uuidString.lowercased() } ?? "ip:" + request.clientIP
        try await request.rateLimit("api:\(who)", RateLimiter.Rule(request.config.apiRateLimit, per: 60),
                                    reason: "Too many API requests: at most \(request.config.apiRateLimit) a minute.")
        return try await next.respond(to: request)
    }
}
