import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Pages and API of the requirements module on both databases: the editor's path through the forms, 409 on
/// stale edits (form and API), roles, a non-member seeing nothing, impact and OpenAPI.
@Suite struct RequirementHTTPTests {
    @Test(arguments: TestDatabase.all)
    func anEditorWritesLinksAndClearsASuspectLinkThroughThePages(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await RequirementFixtures.make(app)
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            #expect(try await ed.get("/projects/ATC").text.contains("/projects/ATC/requirements"))
            var response = try await ed.get("/projects/ATC/requirements")
            #expect(response.status == .ok)
            response = try await ed.post("/projects/ATC/requirements", form: ["name": "System", "prefix": "sys!"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The prefix must be 1–12 capital letters"))
            response = try await ed.post("/projects/ATC/requirements", form: ["name": "System", "prefix": "SYS", "description": "Top level"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/projects/ATC/requirements/SYS")
            try await ed.get("/projects/ATC/requirements/SYS")
            for (title, statement) in [("Detect", "The system shall detect aircraft within 250 NM."),
                                       ("Track", "The system shall track each detected aircraft."),
                                       ("Display", "The display should be user-friendly.")] {
                response = try await ed.post("/projects/ATC/requirements/SYS/items",
                                             form: ["item_type": "requirement", "title": title, "statement": statement,
                                                    "type": "functional", "priority": "medium", "parent": ""])
                #expect(response.status == .seeOther)
            }
            response = try await ed.post("/projects/ATC/requirements/SYS/items",
                                         form: ["item_type": "requirement", "title": "", "statement": "", "type": "functional",
                                                "priority": "medium", "parent": ""])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The title must be 1–500 characters."))
            let document = try await ed.get("/projects/ATC/requirements/SYS").text
            #expect(document.contains("SYS-REQ-001") && document.contains("SYS-REQ-003"))
            #expect(document.contains("No “shall”")) // the quality badge of SYS-REQ-003

            try await ed.get("/projects/ATC/items/SYS-REQ-002")
            response = try await ed.post("/projects/ATC/items/SYS-REQ-002/links",
                                         form: ["kind": "derives-from", "direction": "outgoing", "target": "SYS-REQ-001"])
            #expect(response.status == .seeOther)
            response = try await ed.post("/projects/ATC/items/SYS-REQ-002/links",
                                         form: ["kind": "derives-from", "direction": "outgoing", "target": "SYS-REQ-999"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("There is no artifact SYS-REQ-999 in this project."))

            // Edit the parent's statement through the form: the child's link turns suspect.
            let edit = try await ed.get("/projects/ATC/items/SYS-REQ-001/edit")
            #expect(edit.text.contains(#"name="version" value="1""#))
            response = try await ed.post("/projects/ATC/items/SYS-REQ-001/edit", form: [
                "version": "1", "title": "Detect", "statement": "The system shall detect aircraft within 200 NM.",
                "type": "functional", "priority": "high", "method_test": "1", "tags": "radar, range",
            ])
            #expect(response.status == .seeOther)
            var child = try await ed.get("/projects/ATC/items/SYS-REQ-002").text
            #expect(child.contains("Suspect links"))
            let suspect = try await ed.get("/projects/ATC/suspect-links").text
            let clearPath = try #require(suspect.firstMatch(of: #/action="(/projects/ATC/links/[0-9a-f-]+/clear)"/#).map { String($0.1) })
            response = try await ed.post(clearPath, form: ["reason": "", "back": "suspect"])
            #expect(try await ed.get("/projects/ATC/suspect-links").text.contains("SYS-REQ-002"))
            response = try await ed.post(clearPath, form: ["reason": "Range reduction still derives tracking", "back": "suspect"])
            #expect(response.status == .seeOther)
            #expect(try await ed.get("/projects/ATC/suspect-links").text.contains("No suspect links"))
            child = try await ed.get("/projects/ATC/items/SYS-REQ-002").text
            #expect(child.contains("cleared: Range reduction still derives tracking"))

            // History diff, impact page and SVG, quality page, search.
            let diff = try await ed.get("/projects/ATC/items/SYS-REQ-001/diff?from=1&to=2").text
            #expect(diff.contains("<del>250 </del>") && diff.contains("<ins>200 </ins>"))
            let impact = try await ed.get("/projects/ATC/items/SYS-REQ-001/impact").text
            #expect(impact.contains("SYS-REQ-002") && impact.contains("1 artifacts reached"))
            let svg = try await ed.get("/projects/ATC/items/SYS-REQ-001/impact.svg")
            #expect(svg.headers.contentType?.subType == "svg+xml")
            #expect(svg.text.contains("<svg") && svg.text.contains("SYS-REQ-002"))
            let quality = try await ed.get("/projects/ATC/requirements/SYS/quality").text
            #expect(quality.contains("Derived into children") && quality.contains("SYS-REQ-003"))
            let search = try await ed.get("/projects/ATC/requirements-search?q=track").text
            #expect(search.contains("1 requirement found") && search.contains("SYS-REQ-002"))
            #expect(try await ed.get("/projects/ATC/requirements-search?status=bogus").status == .unprocessableEntity)

            // The audit trail has the rows (leads read it).
            let lena = TestBrowser(app)
            try await lena.signIn("lena@example.com")
            let audit = try await lena.get("/projects/ATC/audit").text
            #expect(audit.contains("link.suspect-cleared") && audit.contains("artifact.updated") && audit.contains("link.created"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func staleEditsGet409InFormsAndAPI(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            try await f.requirement(sys, "Detect", "The system shall detect aircraft.")
            let headers = try await f.token("ed@example.com")
            var response = try await app.send(.PUT, "/api/v1/projects/ATC/requirements/SYS-REQ-001", headers: headers,
                                              body: #"{"version":1,"title":"Detect","statement":"The system shall detect aircraft at night."}"#)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""version":2"#))
            // Someone still on version 1 saves: 409, both sides named, nothing stored.
            response = try await app.send(.PUT, "/api/v1/projects/ATC/requirements/SYS-REQ-001", headers: headers,
                                          body: #"{"version":1,"title":"Detect","statement":"The system shall detect drones."}"#)
            #expect(response.status == .conflict)
            #expect(response.text.contains("statement"))
            response = try await app.send(.PUT, "/api/v1/projects/ATC/requirements/SYS-REQ-001", headers: headers,
                                          body: #"{"title":"Detect","statement":"x"}"#)
            #expect(response.status == .unprocessableEntity)
            let browser = TestBrowser(app)
            try await browser.signIn("ed@example.com")
            try await browser.get("/projects/ATC/items/SYS-REQ-001/edit")
            response = try await browser.post("/projects/ATC/items/SYS-REQ-001/edit", form: [
                "version": "1", "title": "Detect", "statement": "The system shall detect birds.", "type": "functional", "priority": "medium",
            ])
            #expect(response.status == .conflict)
            #expect(response.text.contains("detect aircraft at night") && response.text.contains("detect birds"))
            let current = try #require(try await ArtifactQueries.artifact(key: "SYS-REQ-001", projectID: try f.atc.requireID(), on: app.db))
            #expect(current.version == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func rolesAndANonMemberSeeingNothing(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            try await f.requirement(sys, "Detect", "The system shall detect aircraft.")
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            for path in ["/projects/ATC/requirements", "/projects/ATC/requirements/SYS", "/projects/ATC/items/SYS-REQ-001",
                         "/projects/ATC/suspect-links", "/projects/ATC/requirements-search?q=detect",
                         "/projects/ATC/items/SYS-REQ-001/impact.svg"] {
                let response = try await otto.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("detect aircraft"))
            }
            let ottoAPI = try await f.token("otto@example.com")
            for path in ["/api/v1/projects/ATC/requirement-modules", "/api/v1/projects/ATC/requirements/SYS-REQ-001",
                         "/api/v1/projects/ATC/requirements?q=detect", "/api/v1/projects/ATC/artifacts/SYS-REQ-001/impact"] {
                #expect(try await app.send(.GET, path, headers: ottoAPI).status == .notFound, "\(path)")
            }
            // Viewers read and comment, but cannot write or clear.
            let vic = try await f.token("vic@example.com")
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/requirements/SYS-REQ-001", headers: vic).status == .ok)
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules/SYS/requirements", headers: vic,
                                       body: #"{"title":"x","statement":"The system shall x."}"#).status == .forbidden)
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/comments", headers: vic,
                                       body: #"{"body":"Why 250 NM?"}"#).status == .created)
            // Editors submit; approving needs a lead.
            let ed = try await f.token("ed@example.com")
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/status", headers: ed,
                                       body: #"{"version":1,"status":"in-review"}"#).status == .ok)
            let refused = try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/status", headers: ed,
                                             body: #"{"version":2,"status":"approved"}"#)
            #expect(refused.status == .forbidden)
            let lena = try await f.token("lena@example.com")
            let approved = try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/status", headers: lena,
                                              body: #"{"version":2,"status":"approved"}"#)
            #expect(approved.status == .ok)
            #expect(approved.text.contains(#""status":"approved""#))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPICoversModulesLinksSuspectListsAndImpact(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let ed = try await RequirementFixtures.make(app).token("ed@example.com")
            var response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules", headers: ed,
                                              body: #"{"name":"Subsystem","prefix":"SUB"}"#)
            #expect(response.status == .created)
            for title in ["A", "B", "C"] {
                response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules/SUB/requirements", headers: ed,
                                              body: #"{"title":"\#(title)","statement":"The unit shall \#(title).","tags":["t"]}"#)
                #expect(response.status == .created)
            }
            response = try await app.send(.POST, "/api/v1/projects/ATC/links", headers: ed,
                                          body: #"{"kind":"derives-from","source":"SUB-REQ-002","target":"SUB-REQ-001"}"#)
            #expect(response.status == .created)
            response = try await app.send(.POST, "/api/v1/projects/ATC/links", headers: ed,
                                          body: #"{"kind":"derives-from","source":"SUB-REQ-003","target":"SUB-REQ-002"}"#)
            response = try await app.send(.POST, "/api/v1/projects/ATC/links", headers: ed,
                                          body: #"{"kind":"derives-from","source":"SUB-REQ-001","target":"SUB-REQ-003"}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("cycle"))
            response = try await app.send(.GET, "/api/v1/projects/ATC/artifacts/SUB-REQ-001/impact?kinds=derives-from", headers: ed)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""path":["SUB-REQ-001","SUB-REQ-002","SUB-REQ-003"]"#))
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/artifacts/SUB-REQ-001/impact?direction=sideways", headers: ed).status
                    == .unprocessableEntity)
            response = try await app.send(.PUT, "/api/v1/projects/ATC/requirements/SUB-REQ-001", headers: ed,
                                          body: #"{"version":1,"title":"A","statement":"The unit shall A twice."}"#)
            response = try await app.send(.GET, "/api/v1/projects/ATC/suspect-links", headers: ed)
            let linkID = try #require(response.text.firstMatch(of: /"id":"([0-9A-Fa-f-]+)"/).map { String($0.1) })
            #expect(response.text.contains("SUB-REQ-002"))
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/links/\(linkID)/clear", headers: ed, body: #"{"reason":""}"#).status
                    == .unprocessableEntity)
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/links/\(linkID)/clear", headers: ed, body: #"{"reason":"Still holds"}"#).status
                    == .noContent)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/suspect-links", headers: ed).text == #"{"items":[]}"#)
            response = try await app.send(.GET, "/api/v1/projects/ATC/requirement-modules/SUB/document", headers: ed)
            #expect(response.text.contains(#""number":"3""#))
            response = try await app.send(.GET, "/api/v1/projects/ATC/requirements?q=unit&per_page=2", headers: ed)
            #expect(response.text.contains(#""total":3"#))
            #expect(response.text.contains(#""module":"SUB""#) && response.text.contains(#""version":1"#))
            response = try await app.send(.GET, "/api/v1/projects/ATC/requirement-modules/SUB/coverage", headers: ed)
            #expect(response.text.contains(#""name":"parent""#))
            let openAPI = try await app.send(.GET, "/api/v1/openapi.json").text
            for operation in ["createRequirement", "updateRequirement", "clearSuspectLink", "getImpactSet", "searchRequirements"] {
                #expect(openAPI.contains(operation))
            }
        }
    }
}
