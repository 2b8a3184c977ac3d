import Vapor

/// Answers 400 to requests whose `Host` is not one of `SESA_ALLOWED_HOSTS`, so links and redirects we build
/// from the host can never point elsewhere (host-header injection).
///
/// An entry is an exact name, `.example.com` for the domain and its subdomains, or `*` (development only:
/// production refuses it). Health probes are exempt: orchestrators call them by pod IP and they build no URLs.
public struct HostValidationMiddleware: AsyncMiddleware {
    let allowedHosts: [String]

    public init(allowedHosts: [String]) { self.allowedHosts = allowedHosts }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path == "/health" || request.url.path.hasPrefix("/health/") {
            return try await next.respond(to: request)
        }
        guard let header = request.headers.first(name: .host) else {
            throw Abort(.badRequest, reason: "The request has no Host header.")
        }
        guard let host = Self.hostname(of: header), isAllowed(host) else {
            throw Abort(.badRequest, reason: "The host in the request is not served by this instance.")
        }
        return try await next.respond(to: request)
    }

    func isAllowed(_ host: String) -> Bool {
        allowedHosts.contains { entry in
            entry == "*" || entry == host || (entry.hasPrefix(".") && (host.hasSuffix(entry) || "." + host == entry))
        }
    }

    /// The host name of a `Host` header value, lower-cased and without port; nil when malformed.
    static func hostname(of header: String) -> String? {
        let value = header.trimmingCharacters(in: .whitespaces).lowercased()
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            let rest = value[value.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && Int(rest.dropFirst()) != nil) else { return nil }
            return String(value[value.index(after: value.startIndex)..<close])
        }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, !name.isEmpty else { return nil }
        if parts.count == 2, Int(parts[1]) == nil { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard name.allSatisfy({ allowed.contains($0) }) else { return nil }
        return String(name)
    }
}
