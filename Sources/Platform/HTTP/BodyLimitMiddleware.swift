import Vapor

/// Refuses request bodies over `SESA_MAX_BODY_SIZE` with 413, from `Content-Length` before anything is read.
/// Vapor also enforces the limit while collecting a streamed body; this covers bodies that arrive already
/// collected and declared lengths, and lets a route raise its own limit (`route.maxBodySize(_:)`, e.g. imports).
public struct BodyLimitMiddleware: AsyncMiddleware {
    let defaultLimit: Int

    public init(defaultLimit: Int) { self.defaultLimit = defaultLimit }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.route?.userInfo[Route.maxBodyKey] as? Int ?? defaultLimit
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        let collected = request.body.data?.readableBytes
        if let size = declared ?? collected, size > limit {
            throw Abort(.payloadTooLarge, reason: "The request body is \(size) bytes; the limit is \(limit) bytes.")
        }
        return try await next.respond(to: request)
    }
}

extension Route {
    static let maxBodyKey = "sesa.maxbody"

    /// Allows this route a larger (or smaller) request body than `SESA_MAX_BODY_SIZE`.
    @discardableResult
    public func maxBodySize(_ bytes: Int) -> Route {
        userInfo[Self.maxBodyKey] = bytes
        return self
    }
}
