import Vapor

/// `/health…` and `/metrics`: what load balancers, orchestrators and Prometheus call.
enum HealthController {
    /// Liveness: the process answers. Never touches the database, so a database outage does not get the
    /// process restarted.
    @Sendable static func live(_ request: Request) async throws -> Response {
        try await json(["status": "pass"], status: .ok, for: request)
    }

    /// Readiness: the database answers and no migration is pending. 503 + Retry-After otherwise.
    @Sendable static func ready(_ request: Request) async throws -> Response {
        let report = HealthReport(checks: await HealthChecks.readiness(app: request.application))
        return try await reportResponse(report, for: request)
    }

    @Sendable static func database(_ request: Request) async throws -> Response {
        let report = HealthReport(checks: [await HealthChecks.database(app: request.application)])
        return try await reportResponse(report, for: request)
    }

    @Sendable static func detailed(_ request: Request) async throws -> Response {
        try MetricsTokenGuard.check(request, policy: .tokenOnly)
        let report = HealthReport(checks: await HealthChecks.readiness(app: request.application))
        return try await reportResponse(report, for: request)
    }

    @Sendable static func metrics(_ request: Request) async throws -> Response {
        try MetricsTokenGuard.check(request, policy: .openInDevelopment)
        // Probe the database at scrape time so sesa_db_up / sesa_db_roundtrip_seconds are current.
        if await HealthChecks.database(app: request.application).status == .pass,
            (try? await request.application.migrationStatus().isUpToDate) == true
        {
            _ = await HealthChecks.jobs(app: request.application)
        }
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: request.application.metrics.exposition()))
    }

    static func reportResponse(_ report: HealthReport, for request: Request) async throws -> Response {
        let response = try await json(report, status: report.status == .pass ? .ok : .serviceUnavailable, for: request)
        if report.status == .fail { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
        return response
    }

    static func json(_ value: some Content, status: HTTPResponseStatus, for request: Request) async throws -> Response {
        let response = try await value.encodeResponse(status: status, for: request)
        return response
    }
}
