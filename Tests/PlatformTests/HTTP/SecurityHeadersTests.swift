@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Every kind of response carries the security headers (shared/design/SECURITY.md §2.4).
@Suite struct SecurityHeadersTests {
    struct Boom: Error {}

    static func failingRoute(_ app: Application) {
        app.get("test-only", "boom") { _ -> String in throw Boom() }
        app.get("api", "v1", "test-only", "boom") { _ -> String in throw Boom() }
    }

    func expectSecurityHeaders(_ response: TestingHTTPResponse, html: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let headers = response.headers
        #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
        #expect(headers.first(name: "X-Frame-Options") == "DENY", sourceLocation: sourceLocation)
        #expect(headers.first(name: "Referrer-Policy") == "strict-origin-when-cross-origin", sourceLocation: sourceLocation)
        #expect(headers.first(name: "Permissions-Policy")?.contains("camera=()") == true, sourceLocation: sourceLocation)
        #expect(headers.first(name: "Cross-Origin-Opener-Policy") == "same-origin", sourceLocation: sourceLocation)
        #expect(headers.first(name: "Cross-Origin-Resource-Policy") == "same-origin", sourceLocation: sourceLocation)
        #expect(headers.first(name: "X-Request-Id")?.isEmpty == false, sourceLocation: sourceLocation)
        let csp = headers.first(name: "Content-Security-Policy") ?? ""
        #expect(csp.contains("frame-ancestors 'none'"), sourceLocation: sourceLocation)
        #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), sourceLocation: sourceLocation)
        if html {
            #expect(csp == SecurityHeadersMiddleware.htmlPolicy, sourceLocation: sourceLocation)
            #expect(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"), sourceLocation: sourceLocation)
            #expect(headers.first(name: "Cross-Origin-Embedder-Policy") == "require-corp", sourceLocation: sourceLocation)
            #expect(headers.first(name: "Content-Type") == "text/html; charset=utf-8", sourceLocation: sourceLocation)
        } else {
            #expect(csp == "default-src 'none'; frame-ancestors 'none'", sourceLocation: sourceLocation)
        }
        #expect(!headers.contains(name: "Server") && !headers.contains(name: "X-Powered-By"), sourceLocation: sourceLocation)
        // Loopback without a https public URL: no HSTS.
        #expect(!headers.contains(name: "Strict-Transport-Security"), sourceLocation: sourceLocation)
    }

    @Test(arguments: TestDatabase.all)
    func htmlPage(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let response = try await app.send(.GET, "/")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Cache-Control") == "no-store")
            expectSecurityHeaders(response, html: true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func jsonResponse(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let response = try await app.send(.GET, "/api/v1/status")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Content-Type") == "application/json; charset=utf-8")
            #expect(response.headers.first(name: "Cache-Control") == "no-store")
            expectSecurityHeaders(response, html: false)
        }
    }

    @Test(arguments: TestDatabase.all)
    func staticFile(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let versioned = app.assets.url("app.css")
            let response = try await app.send(.GET, versioned)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/css") == true)
            #expect(response.headers.first(name: "Cache-Control") == "public, max-age=31536000, immutable")
            expectSecurityHeaders(response, html: false)
            let unversioned = try await app.send(.GET, "/static/app.js")
            #expect(unversioned.headers.first(name: "Cache-Control") == "public, max-age=300")
        }
    }

    @Test(arguments: TestDatabase.all)
    func notFoundPageAndProblem(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let page = try await app.send(.GET, "/no/such/page", headers: ["Accept": "text/html"])
            #expect(page.status == .notFound)
            #expect(page.text.contains("404 · Not Found"))
            #expect(page.text.contains("There is nothing at this address."))
            expectSecurityHeaders(page, html: true)
            let problem = try await app.send(.GET, "/api/v1/no-such-thing")
            #expect(problem.status == .notFound)
            #expect(problem.headers.first(name: "Content-Type") == "application/problem+json; charset=utf-8")
            expectSecurityHeaders(problem, html: false)
            let missingStatic = try await app.send(.GET, "/static/missing.css")
            #expect(missingStatic.status == .notFound)
            expectSecurityHeaders(missingStatic, html: true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func serverErrorsRevealNothing(database: TestDatabase) async throws {
        try await withApp(on: database, routes: Self.failingRoute) { app in
            let page = try await app.send(.GET, "/test-only/boom")
            #expect(page.status == .internalServerError)
            expectSecurityHeaders(page, html: true)
            #expect(page.text.contains(page.headers.first(name: "X-Request-Id")!))
            #expect(!page.text.contains("Boom"))

            let api = try await app.send(.GET, "/api/v1/test-only/boom")
            #expect(api.status == .internalServerError)
            expectSecurityHeaders(api, html: false)
            let problem = try api.decode(ProblemDetails.self)
            #expect(problem.status == 500)
            #expect(problem.requestID == api.headers.first(name: "X-Request-Id"))
            #expect(!api.text.contains("Boom") && !api.text.contains(".swift"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func hstsWhenServedOverHTTPS(database: TestDatabase) async throws {
        try await withApp(on: database, environment: ["SESA_PUBLIC_URL": "https://sesa.example.com"]) { app in
            let response = try await app.send(.GET, "/health")
            #expect(response.headers.first(name: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
        }
    }
}
