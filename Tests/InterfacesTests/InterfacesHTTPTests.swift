import Artifacts
import Foundation
import Interfaces
import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Pages and API of the interfaces module on both databases: an editor adds an interface through the form, the
/// N² page shows it and its cell leads back to it, filters and downloads keep the choices; the API and OpenAPI.
@Suite struct InterfacesHTTPTests {
    @Test(arguments: TestDatabase.all)
    func anEditorAddsAnInterfaceAndFollowsItThroughTheMatrix(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await InterfaceFixtures.make(app)
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            var page = try await ed.get("/projects/UAV/interfaces")
            #expect(page.status == .ok)
            #expect(page.text.contains("IF-008") && page.text.contains(#"data-picker="/projects/UAV/elements-picker""#))

            var response = try await ed.post("/projects/UAV/interfaces", form: [
                "title": "Camera trigger", "side_a": "EL-003", "side_b": "EL-003", "type": "signal", "direction": "a-to-b", "status": "proposed"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The two ends must be different elements"))
            response = try await ed.post("/projects/UAV/interfaces", form: [
                "title": "Camera trigger", "side_a": "EL-009", "side_b": "EL-004", "type": "signal", "direction": "a-to-b",
                "medium": "RS-422", "status": "proposed", "description": "Shutter pulse"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/projects/UAV/interfaces/IF-009")
            page = try await ed.get("/projects/UAV/interfaces/IF-009")
            #expect(page.text.contains("EL-009 FCC") && page.text.contains("RS-422"))
            // The element's page leads to the interfaces at it.
            page = try await ed.get("/projects/UAV/elements/EL-009")
            #expect(page.text.contains(#"<a href="/projects/UAV/interfaces?element=EL-009">Interfaces at this element</a>"#))
            page = try await ed.get("/projects/UAV/interfaces?element=EL-009")
            #expect(page.text.contains("IF-009") && page.text.contains("IF-002") && !page.text.contains("IF-003"))

            // The N² page: the flight computer's new signal rolls up to AVI → PAY, next to the payload data.
            page = try await ed.get("/projects/UAV/n2?level=subsystem")
            #expect(page.status == .ok)
            #expect(page.text.contains("6 elements at level subsystem"))
            #expect(page.text.contains("1 interface has an end outside the elements at this level: IF-007."))
            let cell = "/projects/UAV/interfaces?level=subsystem&amp;from=EL-003&amp;to=EL-004"
            #expect(page.text.contains(cell))
            page = try await ed.get(cell.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(page.text.contains("IF-003") && page.text.contains("IF-009") && !page.text.contains("IF-001"))
            #expect(page.text.contains("from EL-003 (and its parts) to EL-004 (and its parts)"))

            page = try await ed.get("/projects/UAV/n2?level=subsystem&status=retired")
            #expect(page.text.contains("6 elements at level subsystem, 1 interface among them."))
            #expect(try await ed.get("/projects/UAV/n2?level=moon").status == .unprocessableEntity)
            let svg = try await ed.get("/projects/UAV/n2.svg?level=subsystem&type=power")
            #expect(svg.headers.contentType?.subType == "svg+xml" && svg.text.contains("<svg"))
            let csv = try await ed.get("/projects/UAV/n2.csv?level=subsystem")
            #expect(csv.text.contains("EL-002,1,1,1,,,"))

            // Viewers read, cannot write; non-members see nothing.
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            #expect(try await vic.get("/projects/UAV/n2").status == .ok)
            #expect(try await vic.post("/projects/UAV/interfaces", form: ["title": "X"]).status == .forbidden)
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect(try await otto.get("/projects/UAV/n2").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIWritesInterfacesAndAnswersTheMatrix(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await InterfaceFixtures.make(app)
            let ed = try await app.bearerHeaders("ed@example.com")
            var response = try await app.send(.POST, "/api/v1/projects/UAV/interfaces", headers: ed, body: """
                {"title":"Heater power","side_a":"EL-002","side_b":"EL-004","type":"power","direction":"a-to-b"}
                """)
            #expect(response.status == .created)
            #expect(response.text.contains(#""key":"IF-009""#) && response.text.contains(#""side_a":"EL-002""#))
            response = try await app.send(.POST, "/api/v1/projects/UAV/interfaces", headers: ed, body: """
                {"title":"X","side_a":"EL-002","side_b":"EL-999","type":"power"}
                """)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(#""field":"side_b""#))
            response = try await app.send(.PUT, "/api/v1/projects/UAV/interfaces/IF-009", headers: ed, body: """
                {"version":1,"title":"Heater power","side_a":"EL-002","side_b":"EL-004","type":"power","direction":"undirected","status":"agreed"}
                """)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""direction":"undirected""#))
            response = try await app.send(.GET, "/api/v1/projects/UAV/interfaces?type=power&status=agreed", headers: ed)
            #expect(response.text.contains("IF-001") && response.text.contains("IF-009") && !response.text.contains("IF-008"))
            response = try await app.send(.GET, "/api/v1/projects/UAV/n2?level=subsystem&type=power", headers: ed)
            #expect(response.status == .ok)
            // The retired IF-008 (directed) and the now undirected IF-009 share the cell PWR → PAY.
            #expect(response.text.contains(#"{"directed":1,"from":"EL-002","interfaces":["IF-008","IF-009"],"to":"EL-004"}"#))
            #expect(try await app.send(.GET, "/api/v1/projects/UAV/n2?status=lost", headers: ed).status == .unprocessableEntity)
            response = try await app.send(.DELETE, "/api/v1/projects/UAV/interfaces/IF-009?version=2", headers: ed)
            #expect(response.status == .noContent)
            let openAPI = try await app.send(.GET, "/api/v1/openapi.json").text
            for operation in ["listInterfaces", "createInterface", "updateInterface", "getN2Matrix", "replaceInterfaceTypes"] {
                #expect(openAPI.contains(#""operationId":"\#(operation)""#))
            }
        }
    }
}
