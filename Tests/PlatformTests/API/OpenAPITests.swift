import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

@Suite struct OpenAPITests {
    /// Every route SESA registers is either in the OpenAPI document or declared an HTML page.
    @Test func everyRegisteredRouteIsDocumented() async throws {
        try await withApp(on: .sqlite) { app in
            let undocumented = app.routes.all.filter { $0.openAPIOperation == nil && !$0.isHTMLPage }
                .map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" }
            #expect(undocumented.isEmpty, "Routes missing from the OpenAPI document: \(undocumented)")
            let apiPages = app.routes.all.filter { $0.isHTMLPage && $0.path.first?.description == "api" }
            #expect(apiPages.isEmpty, "API routes must be documented, not marked as pages")
        }
    }

    @Test func documentIsServedAndEveryReferenceResolves() async throws {
        try await withApp(on: .sqlite) { app in
            let response = try await app.send(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            for route in app.routes.all where route.openAPIOperation != nil {
                let path = OpenAPIDocument.openAPIPath(route.path)
                let operations = paths[path] as? [String: Any]
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(path) missing")
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let references = response.text.matches(of: /"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/).map { String($0.1) }
            #expect(!references.isEmpty)
            for name in references { #expect(schemas[name] != nil, "unresolved $ref \(name)") }
            let operationIDs = paths.values.compactMap { $0 as? [String: Any] }.flatMap(\.values)
                .compactMap { ($0 as? [String: Any])?["operationId"] as? String }
            #expect(Set(operationIDs).count == operationIDs.count, "operationIds must be unique")
        }
    }

    @Test func pathTemplates() {
        #expect(OpenAPIDocument.openAPIPath(["api", "v1", ":id"]) == "/api/v1/{id}")
        #expect(OpenAPIDocument.openAPIPath([]) == "/")
    }

    @Test func jsonValueSerialisationEscapesAndKeepsOrder() {
        let value = JSONValue.object([("b", .string("q\"\n\u{1}")), ("a", .array([.number(1), .number(1.5), .bool(true), .null]))])
        #expect(value.serialized() == #"{"b":"q\"\n\u0001","a":[1,1.5,true,null]}"#)
    }
}
