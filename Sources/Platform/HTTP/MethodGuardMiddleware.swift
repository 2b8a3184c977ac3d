import Vapor

/// Refuses TRACE, CONNECT and unknown methods with 405 before routing (ASVS 13.4.4: no TRACE).
public struct MethodGuardMiddleware: AsyncMiddleware {
    static let allowed: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.allowed.contains(request.method.rawValue) else {
            throw Abort(.methodNotAllowed, headers: ["Allow": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
                        reason: "The method \(request.method.rawValue) is not supported.")
        }
        return try await next.respond(to: request)
    }
}
