import Artifacts
import Foundation
import Governance
import Interchange
import Interfaces
import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// The governance pages and API on both databases: a lead sets up phases and organisations through the forms,
/// an editor builds a design package and downloads its report, scope is allocated and changed inline, the
/// interface reports page, and the API with its OpenAPI entries.
@Suite struct GovernanceHTTPTests {
    @Test(arguments: TestDatabase.all)
    func aLeadSetsUpPhasesAndOrganisationsThroughTheForms(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await app.makeTeam(project: "SAT")
            let lena = TestBrowser(app)
            try await lena.signIn("lena@example.com")
            var page = try await lena.get("/projects/SAT/governance")
            #expect(page.status == .ok && page.text.contains("No phases yet"))
            var response = try await lena.post("/projects/SAT/phases", form: [
                "name": "Concept", "starts_on": "2027-01-10", "ends_on": "2027-01-01", "status": "active", "gate_criteria": "MCR"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The phase cannot end (2027-01-01) before it starts (2027-01-10)"))
            response = try await lena.post("/projects/SAT/phases", form: [
                "name": "Concept", "starts_on": "2027-01-01", "ends_on": "2027-03-31", "status": "active", "gate_criteria": "MCR passed"])
            #expect(response.status == .seeOther)
            response = try await lena.post("/projects/SAT/organisations", form: ["code": "acme", "name": "ACME Power", "kind": "supplier"])
            #expect(response.status == .seeOther)
            response = try await lena.post("/projects/SAT/organisations", form: ["code": "ACME", "name": "Twice", "kind": "supplier"])
            #expect(response.status == .unprocessableEntity && response.text.contains("Another organisation already has the code ACME"))
            page = try await lena.get("/projects/SAT/governance")
            #expect(page.text.contains("Concept") && page.text.contains("2027-03-31") && page.text.contains("MCR passed"))
            #expect(page.text.contains("ACME Power"))

            // Editors and viewers read; only leads set up.
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            #expect(try await ed.get("/projects/SAT/governance").status == .ok)
            #expect(try await ed.post("/projects/SAT/phases", form: ["name": "X"]).status == .forbidden)
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect(try await otto.get("/projects/SAT/governance").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anEditorBuildsADesignPackageAndDownloadsItsReport(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await GovernanceFixtures.make(app)
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            var response = try await ed.post("/projects/SAT/packages", form: [
                "title": "Power chain", "owner": "ACME", "phase": "Preliminary design", "status": "draft", "description": "EPS and bus"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/projects/SAT/packages/DP-001")
            response = try await ed.post("/projects/SAT/packages", form: ["title": "X", "owner": "NOPE"])
            #expect(response.status == .unprocessableEntity && response.text.contains("There is no delivery organisation “NOPE” in SAT"))
            #expect(try await ed.post("/projects/SAT/packages/DP-001/contents", form: ["key": "EL-002"]).status == .seeOther)
            #expect(try await ed.post("/projects/SAT/packages/DP-001/contents", form: ["key": "IF-001"]).status == .seeOther)
            response = try await ed.post("/projects/SAT/packages/DP-001/contents", form: ["key": "EL-999"])
            #expect(response.status == .unprocessableEntity && response.text.contains("There is no artifact “EL-999” in this project"))

            var page = try await ed.get("/projects/SAT/packages/DP-001")
            #expect(page.text.contains("Elements (1)") && page.text.contains("Interfaces (1)"))
            #expect(page.text.contains(#"<a href="/projects/SAT/elements/EL-002">EL-002</a>"#))
            #expect(page.text.contains(#"<a href="/projects/SAT/interfaces/IF-001">IF-001</a>"#))
            let csv = try await ed.get("/projects/SAT/packages/DP-001/report.csv")
            #expect(csv.headers.first(name: .contentDisposition) == #"attachment; filename="SAT-DP-001-report.csv""#)
            let table = try CSVTable.read(Data(csv.text.utf8), file: "report.csv")
            #expect(table.rows.map { $0[2] } == ["EL-002", "IF-001"])
            let xlsx = try await ed.get("/projects/SAT/packages/DP-001/report.xlsx")
            #expect(try XLSXTable.read(Data(buffer: xlsx.body), file: "report.xlsx") == table)
            page = try await ed.get("/projects/SAT/packages")
            #expect(page.text.contains("Power chain") && page.text.contains("ACME"))
            let list = try await ed.get("/projects/SAT/packages-export.csv")
            #expect(list.text.contains("DP-001,Power chain,ACME,Preliminary design,draft,EPS and bus,EL-002 IF-001"))

            // The interface reports page lists the package among nothing missing, and the crossings.
            page = try await ed.get("/projects/SAT/interface-reports")
            #expect(page.status == .ok)
            #expect(page.text.contains("Interfaces between delivery organisations (4)"))
            #expect(page.text.contains("Design packages without elements (0)"))

            // Scope: allocate, then change the organisation in the row.
            response = try await ed.post("/projects/SAT/scope", form: ["element": "EL-002", "organisation": "ACME", "phase": "", "status": "proposed"])
            #expect(response.status == .seeOther)
            response = try await ed.post("/projects/SAT/scope", form: ["element": "EL-002", "organisation": "ACME", "phase": ""])
            #expect(response.status == .unprocessableEntity && response.text.contains("EL-002 is already allocated to ACME for every phase"))
            page = try await ed.get("/projects/SAT/scope")
            let id = try #require(page.text.firstMatch(of: /scope\/([0-9a-f-]{36})\/edit/)).1
            response = try await ed.post("/projects/SAT/scope/\(id)/edit", form: [
                "element": "EL-002", "organisation": "BOLT", "phase": "Detailed design", "status": "agreed"])
            #expect(response.status == .seeOther)
            page = try await ed.get("/projects/SAT/scope")
            #expect(page.text.contains(#"<option value="BOLT" selected="selected">"#))
            #expect(page.text.contains(#"<option value="agreed" selected="selected">"#))
            // An element with scope cannot be deleted, an organisation with scope cannot go.
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            #expect(try await vic.post("/projects/SAT/packages/DP-001/contents", form: ["key": "EL-003"]).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIManagesGovernanceAndPackages(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await GovernanceFixtures.make(app)
            let lena = try await app.bearerHeaders("lena@example.com")
            let ed = try await app.bearerHeaders("ed@example.com")
            var response = try await app.send(.POST, "/api/v1/projects/SAT/organisations", headers: lena,
                                              body: #"{"code":"CUST","name":"The Agency","kind":"customer"}"#)
            #expect(response.status == .created && response.text.contains(#""code":"CUST""#))
            #expect(try await app.send(.POST, "/api/v1/projects/SAT/organisations", headers: ed,
                                       body: #"{"code":"X","name":"X"}"#).status == .forbidden)
            response = try await app.send(.GET, "/api/v1/projects/SAT/phases", headers: ed)
            #expect(response.text.contains(#""name":"Preliminary design""#) && response.text.contains(#""position":2"#))
            response = try await app.send(.POST, "/api/v1/projects/SAT/design-packages", headers: ed,
                                          body: #"{"title":"Comms","owner":"BOLT","phase":"Detailed design"}"#)
            #expect(response.status == .created && response.text.contains(#""key":"DP-001""#))
            response = try await app.send(.POST, "/api/v1/projects/SAT/design-packages/DP-001/contents", headers: ed, body: #"{"key":"EL-004"}"#)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""details":{"level":"subsystem","owner":"BOLT","status":"proposed"}"#))
            response = try await app.send(.PUT, "/api/v1/projects/SAT/design-packages/DP-001", headers: ed,
                                          body: #"{"version":1,"title":"Comms","owner":"BOLT","phase":"Detailed design","status":"issued"}"#)
            #expect(response.status == .ok && response.text.contains(#""status":"issued""#))
            response = try await app.send(.DELETE, "/api/v1/projects/SAT/organisations/BOLT", headers: lena)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("BOLT is still named by 1 design package and 1 element"))
            response = try await app.send(.GET, "/api/v1/projects/SAT/interface-gaps", headers: ed)
            #expect(response.text.contains(#""unassigned_sides":[]"#) && response.text.contains(#""interfaces_without_requirements":["IF-001","IF-002","IF-003","IF-004","IF-005"]"#))
            response = try await app.send(.DELETE, "/api/v1/projects/SAT/design-packages/DP-001/contents/EL-004", headers: ed)
            #expect(response.status == .noContent)
            let openAPI = try await app.send(.GET, "/api/v1/openapi.json").text
            for operation in ["listPhases", "createDeliveryOrganisation", "createDesignPackage", "addDesignPackageContent", "getInterfaceGaps"] {
                #expect(openAPI.contains(#""operationId":"\#(operation)""#))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDesignDashboardCountsByStatus(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            try await DesignPackageStore.create(try f.context(), draft: PackageDraft(title: "Empty"))
            let dashboard = try await DesignDashboard.load(projectID: try f.projectID, on: app.db)
            #expect(dashboard.phases.map { "\($0.label)=\($0.count)" } == ["planned=1", "active=1", "closed=0"])
            #expect(dashboard.elementsByLevel.map { "\($0.label)=\($0.count)" }
                    == ["system=1", "subsystem=4", "assembly=0", "component=0", "external=1"])
            #expect(dashboard.interfacesByType.map { "\($0.label)=\($0.count)" }
                    == ["data=4", "signal=0", "power=1", "mechanical=0", "fluid=0", "thermal=0"])
            #expect(dashboard.gaps.map(\.count) == [4, 0, 0, 5, 1])

            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            let page = try await vic.get("/projects/SAT/design-dashboard")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"aria-label="Elements by level: system 1, subsystem 4, assembly 0, component 0, external 1""#))
            let api = try await app.send(.GET, "/api/v1/projects/SAT/design-dashboard", headers: try await app.bearerHeaders("vic@example.com"))
            #expect(api.text.contains(#"{"count":1,"label":"draft"}"#))
        }
    }

    @Test(arguments: TestDatabase.all)
    func sheetsAreCheckedOnThePageThenApplied(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await GovernanceFixtures.make(app)
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            // Interfaces: the check shows what would change and stores nothing; Apply stores exactly that.
            let register = try await ed.get("/projects/SAT/interfaces-export.csv").text
            let edited = register.replacingOccurrences(of: "IF-002,Housekeeping,EL-003,EL-004,data,a-to-b,,proposed",
                                                       with: "IF-002,Housekeeping,EL-003,EL-004,data,a-to-b,CAN,proposed")
            #expect(edited != register)
            var page = try await ed.upload("/projects/SAT/interfaces-import", file: (field: "file", name: "register.csv", content: edited))
            #expect(page.status == .ok)
            #expect(page.text.contains("register.csv: 0 new, 1 changed: IF-002 (medium), 4 unchanged. Nothing is stored until you apply it."))
            #expect(try await ed.get("/projects/SAT/interfaces/IF-002").text.contains("CAN") == false)
            var response = try await ed.post("/projects/SAT/interfaces-import", form: ["name": "register.csv", "sheet": edited])
            #expect(response.status == .seeOther)
            #expect(try await ed.get("/projects/SAT/interfaces/IF-002").text.contains("CAN"))
            // A bad sheet: every problem on the page, nothing stored.
            page = try await ed.upload("/projects/SAT/interfaces-import", file: (field: "file", name: "bad.csv",
                                                                                  content: "key,title,side_a,side_b,type\n,X,EL-001,EL-404,data\n"))
            #expect(page.status == .unprocessableEntity && page.text.contains("bad.csv, row 2, column 4: side_b: there is no element EL-404"))

            // Packages likewise.
            page = try await ed.upload("/projects/SAT/packages-import", file: (field: "file", name: "packages.csv",
                                                                                content: "title,owner,contents\nComms,BOLT,EL-004 IF-004\n"))
            #expect(page.text.contains("packages.csv: 1 new (row 2), 0 changed, 0 unchanged."))
            response = try await ed.post("/projects/SAT/packages-import", form: ["name": "packages.csv", "sheet": "title,owner,contents\nComms,BOLT,EL-004 IF-004\n"])
            #expect(response.status == .seeOther)
            #expect(try await ed.get("/projects/SAT/packages/DP-001").text.contains("Interfaces (1)"))
        }
    }
}
