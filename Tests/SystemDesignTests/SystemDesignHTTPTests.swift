import Artifacts
import Foundation
import Platform
import SesaTesting
import SystemDesign
import Testing
import Vapor
import VaporTesting

/// Pages and API of the system design module on both databases: an editor builds and reshapes a tree through
/// the forms, imports a sheet through the check-then-apply page, the picker and the generated views; the API
/// with its roles and OpenAPI entries.
@Suite struct SystemDesignHTTPTests {
    @Test(arguments: TestDatabase.all)
    func anEditorBuildsTheTreeThroughThePages(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await DesignFixtures.make(app)
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            #expect(try await ed.get("/projects/UAV").text.contains("/projects/UAV/elements"))
            var page = try await ed.get("/projects/UAV/elements")
            #expect(page.status == .ok)
            #expect(page.text.contains("No system elements yet"))
            #expect(page.text.contains(#"data-picker="/projects/UAV/elements-picker""#))

            var response = try await ed.post("/projects/UAV/elements", form: ["title": "", "level": "system", "status": "proposed"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The title must be 1–200 characters."))
            for (title, level, parent) in [("UAV", "system", ""), ("Avionics", "subsystem", "EL-001"), ("Autopilot", "assembly", "EL-002"),
                                           ("Ground station", "external", "")] {
                response = try await ed.post("/projects/UAV/elements", form: ["title": title, "level": level, "parent": parent,
                                                                              "status": "active", "description": ""])
                #expect(response.status == .seeOther)
            }
            response = try await ed.post("/projects/UAV/elements", form: ["title": "Orphan", "level": "assembly", "parent": "EL-999"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("There is no element “EL-999” in UAV."))

            page = try await ed.get("/projects/UAV/elements")
            #expect(page.text.contains("4 elements: 1 system, 1 subsystem, 1 assembly, 1 external."))
            #expect(page.text.contains(#"class="tree-depth-2">Autopilot"#))
            // The architecture view is generated inline, each box linking to its element.
            #expect(page.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(page.text.contains(#"<a href="/projects/UAV/elements/EL-003">"#))

            // The picker answers the session (the API would want a token).
            let picked = try await ed.get("/projects/UAV/elements-picker?q=auto").text
            #expect(picked.contains(#""key":"EL-003""#) && !picked.contains(#""key":"EL-001""#))

            // Move below itself: refused on the element's page; a legal move and a relation.
            response = try await ed.post("/projects/UAV/elements/EL-001/move", form: ["version": "1", "parent": "EL-003"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("EL-003 lies below EL-001 (EL-001 → EL-002 → EL-003); moving there would make a cycle."))
            response = try await ed.post("/projects/UAV/elements/EL-003/move", form: ["version": "1", "parent": "EL-001"])
            #expect(response.status == .seeOther)
            response = try await ed.post("/projects/UAV/elements/EL-002/relations", form: ["kind": "depends-on", "target": "EL-004"])
            #expect(response.status == .seeOther)
            page = try await ed.get("/projects/UAV/elements/EL-002")
            #expect(page.text.contains("depends on"))
            #expect(page.text.contains("EL-004 Ground station"))
            let svg = try await ed.get("/projects/UAV/element-tree.svg")
            #expect(svg.headers.contentType?.subType == "svg+xml")
            #expect(svg.text.contains("<title>depends on</title>"))
            let drawio = try await ed.get("/projects/UAV/element-tree.drawio")
            #expect(drawio.text.contains("<mxfile") && drawio.text.contains(#"id="EL-003""#))

            // Edit with a stale version: 409 and nothing saved.
            response = try await ed.post("/projects/UAV/elements/EL-003/edit", form: ["version": "1", "title": "Autopilot X",
                                                                                     "level": "assembly", "status": "active"])
            #expect(response.status == .conflict)
            response = try await ed.post("/projects/UAV/elements/EL-003/edit", form: ["version": "2", "title": "Autopilot X",
                                                                                     "level": "assembly", "status": "active"])
            #expect(response.status == .seeOther)

            // Export, edit, check, apply.
            let csv = try await ed.get("/projects/UAV/elements-export.csv")
            #expect(csv.headers.first(name: .contentDisposition) == #"attachment; filename="UAV-elements.csv""#)
            let edited = csv.text.replacingOccurrences(of: "Ground station", with: "Ground control station") + ",Camera,assembly,EL-002,,\r\n"
            let check = try await ed.upload("/projects/UAV/elements-import", file: (field: "file", name: "edited.csv", content: edited))
            #expect(check.status == .ok)
            #expect(check.text.contains("edited.csv: 1 new, 1 changed, 3 unchanged"))
            #expect(try await ed.get("/projects/UAV/elements").text.contains("4 elements"))  // nothing stored yet
            let sheet = try #require(check.text.firstMatch(of: #/<textarea name="sheet"[^>]*>([^<]*)</textarea>/#).map { String($0.1) })
            let unescaped = sheet.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            response = try await ed.post("/projects/UAV/elements-import", form: ["name": "edited.csv", "sheet": unescaped])
            #expect(response.status == .seeOther)
            page = try await ed.get("/projects/UAV/elements")
            #expect(page.text.contains("Imported edited.csv: 1 new, 1 changed, 3 unchanged."))
            #expect(page.text.contains("Ground control station") && page.text.contains("Camera"))
            let bad = try await ed.upload("/projects/UAV/elements-import", file: (field: "file", name: "bad.csv", content: "title,level\nX,planet\n"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("bad.csv, row 2, column 2: level: “planet” is not one of the project"))

            // Viewers see the tree but get no forms and cannot post.
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            page = try await vic.get("/projects/UAV/elements")
            #expect(page.status == .ok && !page.text.contains("New element"))
            #expect(try await vic.post("/projects/UAV/elements", form: ["title": "X", "level": "system"]).status == .forbidden)
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect(try await otto.get("/projects/UAV/elements").status == .notFound)
            #expect(try await otto.get("/projects/UAV/elements-picker?q=a").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPICreatesMovesListsAndImports(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await DesignFixtures.make(app)
            let ed = try await app.bearerHeaders("ed@example.com")
            let vic = try await app.bearerHeaders("vic@example.com")
            var response = try await app.send(.POST, "/api/v1/projects/UAV/elements", headers: ed,
                                              body: #"{"title":"UAV","level":"system","key":"UAV-0"}"#)
            #expect(response.status == .created)
            #expect(response.text.contains(#""parent":null"#))
            response = try await app.send(.POST, "/api/v1/projects/UAV/elements", headers: ed,
                                          body: #"{"title":"Camera","level":"component","parent":"UAV-0","status":"active"}"#)
            #expect(response.status == .created)
            #expect(response.text.contains(#""key":"EL-001""#) && response.text.contains(#""parent":"UAV-0""#))
            response = try await app.send(.POST, "/api/v1/projects/UAV/elements", headers: ed, body: #"{"title":"X","level":"moon"}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(#""field":"level""#))
            #expect(try await app.send(.POST, "/api/v1/projects/UAV/elements", headers: vic, body: #"{"title":"X","level":"system"}"#)
                .status == .forbidden)

            response = try await app.send(.POST, "/api/v1/projects/UAV/elements/UAV-0/move", headers: ed, body: #"{"version":1,"parent":"EL-001"}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("lies below UAV-0"))
            response = try await app.send(.POST, "/api/v1/projects/UAV/elements/EL-001/move", headers: ed, body: #"{"version":1,"parent":null}"#)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""version":2"#))
            response = try await app.send(.PUT, "/api/v1/projects/UAV/elements/EL-001", headers: ed,
                                          body: #"{"version":1,"title":"Camera 2","level":"component"}"#)
            #expect(response.status == .conflict)
            response = try await app.send(.GET, "/api/v1/projects/UAV/elements", headers: vic)
            #expect(response.text.contains(#""depth":0"#))
            response = try await app.send(.GET, "/api/v1/projects/UAV/elements?q=cam", headers: vic)
            #expect(response.text.contains("EL-001") && !response.text.contains("UAV-0"))

            var headers = ed
            headers.replaceOrAdd(name: .contentType, value: "text/csv")
            response = try await app.send(.POST, "/api/v1/projects/UAV/imports/elements?file=e.csv&dry_run=1", headers: headers,
                                          body: "key,title,level,parent\nEL-001,Camera,component,UAV-0\n,Gimbal,component,EL-001\n")
            #expect(response.status == .ok)
            #expect(response.text.contains(#""dry_run":true"#) && response.text.contains(#""created":["row 3"]"#), "\(response.text)")
            #expect(response.text.contains(#"{"fields":["parent"],"key":"EL-001"}"#) || response.text.contains(#"{"key":"EL-001","fields":["parent"]}"#), "\(response.text)")
            response = try await app.send(.POST, "/api/v1/projects/UAV/imports/elements?file=e.csv", headers: headers,
                                          body: "key,title,level\nEL-001,,component\n")
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("e.csv, row 2, column 2: title"))

            response = try await app.send(.GET, "/api/v1/projects/UAV/element-levels", headers: vic)
            #expect(response.text.contains(#"["system","subsystem","assembly","component","external"]"#))
            #expect(try await app.send(.PUT, "/api/v1/projects/UAV/element-levels", headers: ed, body: #"{"levels":["a"]}"#).status == .forbidden)
            response = try await app.send(.DELETE, "/api/v1/projects/UAV/elements/UAV-0?version=1", headers: ed)
            #expect(response.status == .noContent)

            let openAPI = try await app.send(.GET, "/api/v1/openapi.json").text
            for operation in ["listSystemElements", "createSystemElement", "moveSystemElement", "importSystemElements", "replaceElementLevels"] {
                #expect(openAPI.contains(#""operationId":"\#(operation)""#))
            }
        }
    }
}
