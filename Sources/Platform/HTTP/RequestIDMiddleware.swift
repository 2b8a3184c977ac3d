import Vapor

/// Gives every request an id that appears in each of its log lines and in the `X-Request-Id` response header.
///
/// An incoming `X-Request-Id` (from a proxy) is kept only when it is short and plain: Vapor would otherwise
/// put any client-chosen text into our logs.
public struct RequestIDMiddleware: AsyncMiddleware {
    private struct Key: StorageKey { typealias Value = String }

    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.headers.first(name: .xRequestId)
        let id = incoming.flatMap(Self.isAcceptable) == true ? incoming! : UUID().uuidString.lowercased()
        request.storage[Key.self] = id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .xRequestId, value: id)
        return response
    }

    static func isAcceptable(_ value: String) -> Bool {
        (1...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
    }

    static func id(of request: Request) -> String { request.storage[Key.self] ?? request.id }
}

extension Request {
    /// The id of this request as logged and returned in `X-Request-Id`.
    public var requestID: String { RequestIDMiddleware.id(of: self) }
}
