import Vapor

/// Times every request, logs one line for it and feeds the request metrics. It sits outside the error
/// middleware, so the status it sees is the one the client gets.
public struct AccessLogMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next.respond(to: request)
        let elapsed = clock.now - start
        let route = Self.routeTemplate(of: request)
        request.application.metrics.recordRequest(
            method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        // The path only: query strings may carry search terms or cursors that do not belong in logs.
        // Probes and scrapes arrive every few seconds: their successes are logged at debug level.
        let isProbe = (route.hasPrefix("/health") || route == "/metrics") && response.status.code < 400
        request.logger.log(level: isProbe ? .debug : .info,
                           "\(request.method.rawValue) \(request.url.path) \(response.status.code)", metadata: [
            "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15
                + Double(elapsed.components.seconds) * 1000)),
        ])
        return response
    }

    /// `/p/:key/requirements/:id` style; static files and unmatched paths are grouped.
    static func routeTemplate(of request: Request) -> String {
        if let route = request.route {
            return "/" + route.path.map(\.description).joined(separator: "/")
        }
        return request.url.path.hasPrefix("/static/") ? "/static/*" : "unmatched"
    }
}
