import Foundation
import Vapor

/// Carries flash messages across a redirect ("Password changed") in a short-lived cookie, shown once by the
/// next page. Messages are rendered as escaped text, so a forged cookie can only show words.
public struct FlashMiddleware: AsyncMiddleware {
    public static let cookieName = "__Host-sesa-flash"

    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.cookies[Self.cookieName]?.string ?? ""
        if !incoming.isEmpty, let data = Data(base64Encoded: incoming),
            let flashes = try? JSONDecoder().decode([Flash].self, from: data)
        {
            request.storage[IncomingKey.self] = Array(flashes.prefix(5))
        }
        let response = try await next.respond(to: request)
        let outgoing = request.storage[OutgoingKey.self] ?? []
        if !outgoing.isEmpty, let data = try? JSONEncoder().encode(outgoing) {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: data.base64EncodedString(), maxAge: 120, path: "/", isSecure: true, isHTTPOnly: true,
                sameSite: .lax)
        } else if !incoming.isEmpty, response.headers.contentType?.subType == "html" {
            // Shown on this page: consume it.
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: true,
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    struct IncomingKey: StorageKey { typealias Value = [Flash] }
    struct OutgoingKey: StorageKey { typealias Value = [Flash] }
}

extension Request {
    /// Shows `message` on the next page this browser loads (typically after a redirect).
    public func flash(_ kind: Flash.Kind, _ message: String) {
        storage[FlashMiddleware.OutgoingKey.self] = (storage[FlashMiddleware.OutgoingKey.self] ?? []) + [Flash(kind, message)]
    }

    var incomingFlashes: [Flash] { storage[FlashMiddleware.IncomingKey.self] ?? [] }
}
