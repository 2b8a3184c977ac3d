import Crypto
import Vapor

/// Guards operator endpoints with `SESA_METRICS_TOKEN` (sent as `Authorization: Bearer …`).
enum MetricsTokenGuard {
    enum Policy {
        /// Without a configured token the endpoint is open in development and hidden (404) in production.
        case openInDevelopment
        /// Without a configured token the endpoint does not exist.
        case tokenOnly
    }

    static func check(_ request: Request, policy: Policy) throws {
        guard let token = request.config.metricsToken else {
            if policy == .openInDevelopment, request.config.mode != .production { return }
            throw Abort(.notFound)
        }
        guard let presented = request.headers.bearerAuthorization?.token, constantTimeEquals(presented, token) else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"],
                        reason: "This endpoint needs the metrics token as a Bearer token.")
        }
    }

    /// Compares digests so the time taken does not reveal how much of the token matched.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = SHA256.hash(data: Data(lhs.utf8))
        let right = SHA256.hash(data: Data(rhs.utf8))
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
