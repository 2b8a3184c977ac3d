import Vapor

/// Serves `Public/` through Vapor's `FileMiddleware` and gives `/static/` files a cache policy:
/// a year (immutable) when the URL carries the content hash from `AssetManifest`, five minutes otherwise.
public struct StaticCacheMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    public init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil, directoryAction: .none)
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/static/"), request.method == .GET || request.method == .HEAD else {
            return try await next.respond(to: request)
        }
        let response = try await files.respond(to: request, chainingTo: next)
        if response.status == .ok || response.status == .notModified {
            let versioned = request.url.query?.contains("v=") == true
            response.headers.replaceOrAdd(
                name: .cacheControl, value: versioned ? "public, max-age=31536000, immutable" : "public, max-age=300")
        }
        return response
    }
}
