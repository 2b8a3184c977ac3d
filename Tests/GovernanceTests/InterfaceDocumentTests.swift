import Artifacts
import Fluent
import Foundation
import Governance
import Interchange
import Interfaces
import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// IDS and ICD documents on both databases: number and revision unique, covered interfaces checked, files kept
/// as blobs and served as downloads to members only, removed with the document.
@Suite struct InterfaceDocumentTests {
    @Test(arguments: TestDatabase.all)
    func anICDCoversInterfacesAndKeepsItsFiles(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context(.editor)
            do {
                try await InterfaceDocumentStore.create(editor, .init(kind: .icd, number: "", revision: "A", title: "Bus", interfaces: ["IF-001", "IF-099"]))
                Issue.record("a document without a number was stored")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.map(\.field) == ["number", "interfaces"])
                #expect(invalid.errors[1].reason == "no interface of this project has the key IF-099")
            }
            let icd = try await InterfaceDocumentStore.create(editor, .init(kind: .icd, number: "ICD-EPS-001", revision: "A",
                                                                               title: "EPS to OBC", interfaces: ["IF-003", "IF-001"]))
            await #expect(throws: FieldsInvalid.self) {
                try await InterfaceDocumentStore.create(editor, .init(kind: .icd, number: "ICD-EPS-001", revision: "A", title: "Again"))
            }
            let id = try icd.requireID()
            let pdf = Data("%PDF-1.7\n1 0 obj\n".utf8)
            let file = try await InterfaceDocumentStore.attach(editor, documentID: id, name: "../../ICD EPS (A).pdf", content: pdf)
            #expect(file.name == "ICD EPS (A).pdf")
            let row = try #require(try await InterfaceDocumentQueries.document(id, projectID: try f.projectID, on: app.db))
            #expect(row.interfaces == ["IF-001", "IF-003"] && row.files.count == 1)
            #expect(try await InterfaceDocumentQueries.covering(f.interfaces["Bus power"]!, projectID: try f.projectID, on: app.db).count == 1)

            // Members download it as an attachment; others get nothing.
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            let path = "/projects/SAT/interface-documents/\(id.uuidString.lowercased())/files/\(file.id!.uuidString.lowercased())"
            let download = try await vic.get(path)
            #expect(download.status == .ok && download.headers.contentType?.description.hasPrefix("application/pdf") == true)
            #expect(download.headers.first(name: .contentDisposition) == #"attachment; filename="ICD EPS (A).pdf""#)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let page = try await vic.get("/projects/SAT/interfaces/IF-001")
            #expect(page.text.contains("ICD ICD-EPS-001 rev A"))
            _ = try await app.makeUser("olga@example.com", name: "Olga")
            let olga = TestBrowser(app)
            try await olga.signIn("olga@example.com")
            #expect(try await olga.get(path).status == .notFound)

            // Deleting the document removes its files and their content.
            try await InterfaceDocumentStore.delete(editor, id: id)
            #expect(try await Blob.query(on: app.db).filter(\.$sha256 == BlobStore.sha256(pdf)).count() == 0)
            #expect(try await vic.get(path).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func documentsThroughTheAPI(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            _ = try await GovernanceFixtures.make(app)
            let ed = try await app.bearerHeaders("ed@example.com")
            var response = try await app.send(.POST, "/api/v1/projects/SAT/interface-documents", headers: ed, body: """
                {"kind":"ids","number":"IDS-COM-002","revision":"1","title":"Radio","interfaces":["IF-004"]}
                """)
            #expect(response.status == .created)
            let id = try #require(response.text.firstMatch(of: /"id":"([0-9A-Fa-f-]{36})"/)).1
            var headers = ed
            headers.contentType = .binary
            response = try await app.send(.POST, "/api/v1/projects/SAT/interface-documents/\(id)/files?name=signals.csv", headers: headers,
                                          body: "signal,unit\nRSSI,dBm\n")
            #expect(response.status == .created && response.text.contains(#""name":"signals.csv""#))
            response = try await app.send(.GET, "/api/v1/projects/SAT/interface-documents", headers: ed)
            #expect(response.text.contains(#""interfaces":["IF-004"]"#))
            let openAPI = try await app.send(.GET, "/api/v1/openapi.json").text
            #expect(openAPI.contains(#""operationId":"addInterfaceDocumentFile""#))
        }
    }
}

/// Interface sheets: the register exported, edited and re-imported updates in place by key; new rows are new
/// interfaces; every bad row is named with nothing stored.
@Suite struct InterfaceTableImportTests {
    @Test(arguments: TestDatabase.all)
    func theInterfaceRegisterRoundTripsThroughASheet(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context()
            var table = try await InterfaceTableImport.table(projectID: try f.projectID, on: app.db)
            #expect(table.header == InterfaceTableImport.columns)
            #expect(table.rows[3] == ["IF-004", "Downlink", "EL-004", "EL-006", "data", "a-to-b", "", "proposed", "", "", "", "PRIME", ""])
            table.rows[0][8] = "ICD-EPS-001/1"     // IF-001 gets its project id
            table.rows[1][7] = "agreed"            // IF-002 agreed
            table.rows.append(["", "Heater power", "EL-002", "EL-005", "power", "a-to-b", "28 V", "proposed", "", "ACME", "", "", ""])
            let edited = try CSVTable.read(table.write(), file: "register.csv")
            let dry = try await InterfaceTableImport.run(editor, table: edited, file: "register.csv", dryRun: true)
            #expect(dry.created == ["row 7"])
            #expect(dry.changed == ["IF-001": ["interface_id"], "IF-002": ["status"]])
            #expect(dry.unchanged == ["IF-003", "IF-004", "IF-005"])
            let applied = try await InterfaceTableImport.run(editor, table: edited, file: "register.csv", dryRun: false)
            #expect(applied.created == ["IF-006"] && applied.changed == dry.changed)
            let first = try #require(try await InterfaceQueries.interface(key: "IF-001", projectID: try f.projectID, on: app.db))
            #expect(first.projectInterfaceID == "ICD-EPS-001/1" && first.version == 2)

            do {
                _ = try await InterfaceTableImport.run(editor, table: try CSVTable.read(Data("""
                    key,title,side_a,side_b,type,owner
                    IF-001,Bus power,EL-002,EL-099,power,
                    ,Loop,EL-002,EL-003,steam,NOPE
                    """.utf8), file: "bad.csv"), file: "bad.csv", dryRun: false)
                Issue.record("a bad sheet was imported")
            } catch let invalid as InterfaceImportInvalid {
                #expect(invalid.errors.map(\.description) == [
                    "bad.csv, row 2, column 4: side_b: there is no element EL-099 in the project",
                    "bad.csv, row 3, column 5: type: “steam” is not one of the project's interface types (data, signal, power, mechanical, fluid, thermal)",
                    "bad.csv, row 3, column 6: owner: there is no delivery organisation “NOPE” in the project",
                ])
            }
            #expect(try await InterfaceQueries.all(projectID: try f.projectID, on: app.db).count == 6)
        }
    }
}
