@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

@Suite struct MetricsTests {
    func count(in exposition: String, route: String, status: Int) -> Double {
        let prefix = #"sesa_http_requests_total{method="GET",route="\#(route)",status="\#(status)"} "#
        guard let line = exposition.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return 0 }
        return Double(line.dropFirst(prefix.count)) ?? 0
    }

    @Test(arguments: TestDatabase.all)
    func aRequestIsCountedByRouteTemplateAndStatus(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let before = count(in: try await app.send(.GET, "/metrics").text, route: "/api/v1/status", status: 200)
            #expect(try await app.send(.GET, "/api/v1/status").status == .ok)
            _ = try await app.send(.GET, "/no-such-page")
            let metrics = try await app.send(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers.first(name: "Content-Type")?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(count(in: text, route: "/api/v1/status", status: 200) == before + 1)
            #expect(count(in: text, route: "unmatched", status: 404) == 1)
            #expect(text.contains(#"sesa_http_request_duration_seconds_bucket{method="GET",route="/api/v1/status""#))
            #expect(text.contains(#"sesa_build_info{version="\#(SesaVersion.current)""#))
            #expect(text.contains("sesa_db_up 1"))
            #expect(text.contains("sesa_db_roundtrip_seconds "))
        }
    }

    @Test(arguments: TestDatabase.all)
    func metricsAreGuardedByTheToken(database: TestDatabase) async throws {
        try await withApp(on: database, environment: ["SESA_METRICS_TOKEN": "m-token"]) { app in
            let anonymous = try await app.send(.GET, "/metrics")
            #expect(anonymous.status == .unauthorized)
            let scraper = try await app.send(.GET, "/metrics", headers: ["Authorization": "Bearer m-token"])
            #expect(scraper.status == .ok)
        }
    }
}
