@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Bad requests get a specific 4xx problem, never a 500 (and never reach a handler they should not).
@Suite struct RequestHandlingTests {
    struct Widget: Content {
        var name: String
        var count: Int
    }

    static func echoRoute(_ app: Application) {
        app.post("api", "v1", "test-only", "echo") { request -> Widget in try request.content.decode(Widget.self) }
    }

    @Test(arguments: TestDatabase.all)
    func wrongHostIsRefused(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let evil = try await app.send(.GET, "/", headers: ["Host": "evil.example.com"])
            #expect(evil.status == .badRequest)
            #expect(evil.headers.first(name: "X-Frame-Options") == "DENY")
            let withPort = try await app.send(.GET, "/", headers: ["Host": "localhost:8080"])
            #expect(withPort.status == .ok)
            let ipv6 = try await app.send(.GET, "/", headers: ["Host": "[::1]:8080"])
            #expect(ipv6.status == .ok)
            let api = try await app.send(.GET, "/api/v1/status", headers: ["Host": "evil.example.com"])
            #expect(api.status == .badRequest)
            #expect(try api.decode(ProblemDetails.self).detail.contains("host"))
            // Probes are exempt: orchestrators call them by address.
            let probe = try await app.send(.GET, "/health", headers: ["Host": "10.1.2.3:8080"])
            #expect(probe.status == .ok)
        }
    }

    @Test func hostHeaderParsing() {
        let middleware = HostValidationMiddleware(allowedHosts: ["sesa.example.com", ".corp.example"])
        #expect(middleware.isAllowed("sesa.example.com"))
        #expect(middleware.isAllowed("a.corp.example") && middleware.isAllowed("corp.example"))
        #expect(!middleware.isAllowed("evilcorp.example") && !middleware.isAllowed("example.com"))
        #expect(HostValidationMiddleware.hostname(of: "Sesa.Example.com:443") == "sesa.example.com")
        #expect(HostValidationMiddleware.hostname(of: "[::1]:80") == "::1")
        #expect(HostValidationMiddleware.hostname(of: "a:b:c") == nil)
        #expect(HostValidationMiddleware.hostname(of: "x y") == nil)
        #expect(HostValidationMiddleware.hostname(of: "host:port") == nil)
    }

    @Test(arguments: TestDatabase.all)
    func malformedJSONIsA400Problem(database: TestDatabase) async throws {
        try await withApp(on: database, routes: Self.echoRoute) { app in
            let response = try await app.send(
                .POST, "/api/v1/test-only/echo", headers: ["Content-Type": "application/json"], body: "{\"name\": ")
            #expect(response.status == .badRequest)
            #expect(response.headers.first(name: "Content-Type") == "application/problem+json; charset=utf-8")
            let problem = try response.decode(ProblemDetails.self)
            #expect(problem.detail == "The request body is not valid JSON.")
            #expect(problem.instance == "/api/v1/test-only/echo")
        }
    }

    @Test(arguments: TestDatabase.all)
    func missingAndMistypedFieldsAreNamed(database: TestDatabase) async throws {
        try await withApp(on: database, routes: Self.echoRoute) { app in
            let missing = try await app.send(
                .POST, "/api/v1/test-only/echo", headers: ["Content-Type": "application/json"], body: "{\"name\": \"x\"}")
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.decode(ProblemDetails.self).errors == [.init(field: "count", reason: "is required")])
            let mistyped = try await app.send(
                .POST, "/api/v1/test-only/echo", headers: ["Content-Type": "application/json"],
                body: "{\"name\": \"x\", \"count\": \"three\"}")
            #expect(mistyped.status == .unprocessableEntity)
            #expect(try mistyped.decode(ProblemDetails.self).errors?.first?.field == "count")
            let ok = try await app.send(
                .POST, "/api/v1/test-only/echo", headers: ["Content-Type": "application/json"],
                body: "{\"name\": \"x\", \"count\": 3}")
            #expect(ok.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func oversizedBodyIsA413Problem(database: TestDatabase) async throws {
        try await withApp(on: database, environment: ["SESA_MAX_BODY_SIZE": "1kb"], routes: Self.echoRoute) { app in
            let body = "{\"name\": \"" + String(repeating: "a", count: 4096) + "\", \"count\": 1}"
            let response = try await app.send(
                .POST, "/api/v1/test-only/echo", headers: ["Content-Type": "application/json"], body: body)
            #expect(response.status == .payloadTooLarge, "\(response.text)")
            #expect(response.headers.first(name: "Content-Type") == "application/problem+json; charset=utf-8")
            #expect(try response.decode(ProblemDetails.self).status == 413)
        }
    }

    @Test(arguments: TestDatabase.all)
    func traceIsNotAllowed(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let response = try await app.send(.TRACE, "/")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers.first(name: "Allow")?.contains("GET") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func requestIDsAreReturnedAndOnlyPlainOnesAreKept(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let kept = try await app.send(.GET, "/health", headers: ["X-Request-Id": "lb-1234.abc_DEF"])
            #expect(kept.headers.first(name: "X-Request-Id") == "lb-1234.abc_DEF")
            let replaced = try await app.send(.GET, "/health", headers: ["X-Request-Id": "bad id\nFAKE LOG LINE"])
            let id = replaced.headers.first(name: "X-Request-Id") ?? ""
            #expect(id.count == 36 && !id.contains(" "))
            let fresh = try await app.send(.GET, "/health")
            #expect(fresh.headers.first(name: "X-Request-Id") != id)
        }
    }
}
