import Crypto
import Foundation
import Vapor

/// Protects every state-changing browser request (ASVS 3.5.1): forms carry `_csrf`, which must equal an HMAC
/// (keyed with the instance secret) of the random `__Host-sesa-csrf` cookie — a value another site can neither
/// read nor compute. A foreign `Origin` is refused outright. `/api/` is exempt: it authenticates with bearer
/// tokens, never cookies.
public struct CSRFMiddleware: AsyncMiddleware {
    public static let cookieName = "__Host-sesa-csrf"
    public static let fieldName = "_csrf"
    static let formBodyLimit = 1 << 20
    /// Upload forms (multipart) carry files: their routes set their own, larger limits up to this.
    static let uploadBodyLimit = 64 << 20

    let key: SymmetricKey
    let allowedHosts: HostValidationMiddleware

    public init(secret: [UInt8], allowedHosts: [String]) {
        self.key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("sesa.csrf.v1".utf8),
                                                                        using: SymmetricKey(data: secret)))
        self.allowedHosts = HostValidationMiddleware(allowedHosts: allowedHosts)
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if path.hasPrefix("/static/") || path.hasPrefix("/health") || path == "/metrics" || path.hasPrefix("/api/") {
            return try await next.respond(to: request)
        }
        var cookie = request.cookies[Self.cookieName]?.string ?? ""
        let isNewCookie = cookie.count < 20
        if isNewCookie { cookie = SecretToken.generate() }
        let expected = token(for: cookie)
        request.storage[TokenKey.self] = expected

        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            if let origin = request.headers.first(name: .origin), origin != "null" {
                guard let host = URLComponents(string: origin)?.host, allowedHosts.isAllowed(host.lowercased()) else {
                    throw Abort(.forbidden, reason: "The request came from another site.")
                }
            }
            guard !isNewCookie, let presented = try await presentedToken(request),
                constantTimeEquals(presented, expected)
            else {
                throw Abort(.forbidden, reason: "This form has expired or did not come from this site. Reload the page and try again.")
            }
        }
        let response = try await next.respond(to: request)
        if isNewCookie {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: cookie, path: "/", isSecure: true, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    func token(for cookie: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(cookie.utf8), using: key)).base64EncodedString()
    }

    private func presentedToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: "X-CSRF-Token") { return header }
        guard let type = request.headers.contentType, type == .urlEncodedForm || type.type == "multipart" else { return nil }
        if request.body.data == nil {
            _ = try await request.body.collect(max: type.type == "multipart" ? Self.uploadBodyLimit : Self.formBodyLimit).get()
        }
        return try? request.content.get(String.self, at: Self.fieldName)
    }

    private func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    struct TokenKey: StorageKey { typealias Value = String }
}

extension Request {
    /// The token every form on this page must send back as `_csrf`.
    public var csrfToken: String { storage[CSRFMiddleware.TokenKey.self] ?? "" }
}
