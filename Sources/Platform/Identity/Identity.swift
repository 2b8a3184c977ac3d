import Vapor

/// Who is making this request: set by `SessionMiddleware` from the session cookie.
public struct Identity: Sendable {
    public let userID: UUID
    public let email: String
    public let displayName: String
    public let isSiteAdmin: Bool
    public let sessionID: String
}

extension Request {
    private struct IdentityKey: StorageKey { typealias Value = Identity }

    public var identity: Identity? {
        get { storage[IdentityKey.self] }
        set { storage[IdentityKey.self] = newValue }
    }

    /// The signed-in user, or a redirect to the sign-in page (pages) / 401 (anything else).
    public func requireIdentity() throws -> Identity {
        if let identity { return identity }
        throw SignInRequired()
    }
}

/// Thrown when a page needs a signed-in user; the error middleware turns it into a redirect to `/login`.
public struct SignInRequired: AbortError {
    public var status: HTTPResponseStatus { .unauthorized }
    public var reason: String { "You need to sign in to see this." }
}

/// Resolves the session cookie into `request.identity`. A cookie that no longer matches a live session is
/// cleared. Static files and probes skip the lookup.
public struct SessionMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        // The API authenticates with bearer tokens only: it is exempt from CSRF checks, so no cookie may count.
        guard !path.hasPrefix("/static/"), !path.hasPrefix("/health"), path != "/metrics", !path.hasPrefix("/api/"),
            let token = request.cookies[SessionStore.cookieName]?.string, !token.isEmpty
        else { return try await next.respond(to: request) }
        var stale = false
        if let (session, user) = try await request.sessions.resolve(token: token) {
            request.identity = Identity(
                userID: try user.requireID(), email: user.email, displayName: user.displayName,
                isSiteAdmin: user.isSiteAdmin, sessionID: try session.requireID())
            request.logger[metadataKey: "user-id"] = .string(try user.requireID().uuidString.lowercased())
        } else {
            stale = true
        }
        let response = try await next.respond(to: request)
        if stale && response.cookies[SessionStore.cookieName] == nil {
            response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie
        }
        return response
    }
}
