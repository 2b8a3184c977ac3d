import Vapor

/// Adds the security headers to every response — pages, JSON, static files and errors alike
/// (recipe: shared/design/SECURITY.md §2.4, aiming at ASVS L2 and an Observatory A+).
public struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Pages: only our own script and stylesheet, no inline code, forms post only to us, no framing.
    public static let htmlPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'",
        "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")
    /// Everything else (JSON, text, static files) is never a document that may load anything.
    public static let strictPolicy = "default-src 'none'; frame-ancestors 'none'"

    let hsts: Bool

    public init(hsts: Bool) { self.hsts = hsts }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        apply(to: response)
        return response
    }

    func apply(to response: Response) {
        let isHTML = response.headers.contentType?.subType == "html"
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Security-Policy", value: isHTML ? Self.htmlPolicy : Self.strictPolicy)
        headers.replaceOrAdd(name: .xContentTypeOptions, value: "nosniff")
        headers.replaceOrAdd(name: .xFrameOptions, value: "DENY")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "strict-origin-when-cross-origin")
        headers.replaceOrAdd(
            name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "Cross-Origin-Resource-Policy", value: "same-origin")
        if isHTML { headers.replaceOrAdd(name: "Cross-Origin-Embedder-Policy", value: "require-corp") }
        if hsts { headers.replaceOrAdd(name: .strictTransportSecurity, value: "max-age=31536000; includeSubDomains") }
        // Pages and API answers may carry project data: never cache them. Static files set their own policy.
        if !headers.contains(name: .cacheControl) { headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        headers.remove(name: .server)
        headers.remove(name: "X-Powered-By")
        response.headers = headers
    }
}
