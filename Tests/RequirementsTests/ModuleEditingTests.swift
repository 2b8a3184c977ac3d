import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Changing a module after it exists — details, attribute definitions — and the API's document order,
/// comment threads and the document's inline status, on both databases.
@Suite struct ModuleEditingTests {
    @Test(arguments: TestDatabase.all)
    func modulesAreRenamedAndAttributesChangeOnlyWhileNoValueDependsOnIt(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            _ = try await f.module("SUB")
            let moduleID = try sys.requireID()

            let renamed = try await RequirementStore.updateModule(try f.editor, moduleID: moduleID, name: "System level",
                                                                  description: "Top of the tree", parentExpected: true)
            #expect(renamed.name == "System level" && renamed.prefix == "SYS" && renamed.parentExpected)
            let changes = try await f.auditActions("requirement-module.changed")
            #expect(changes.count == 1)
            await #expect(throws: RequirementInvalid.self) {
                try await RequirementStore.updateModule(try f.editor, moduleID: moduleID, name: "sub requirements", description: "",
                                                        parentExpected: false)
            }
            await #expect(throws: Abort.self) {
                try await RequirementStore.updateModule(try f.context(.viewer, as: f.vic), moduleID: moduleID, name: "X", description: "",
                                                        parentExpected: false)
            }

            let sil = try await RequirementStore.defineAttribute(try f.lead, moduleID: moduleID, name: "sil", label: "SIL",
                                                                 type: .enumeration, options: ["SIL1", "SIL2", "SIL3"])
            let note = try await RequirementStore.defineAttribute(try f.lead, moduleID: moduleID, name: "note", label: "Note",
                                                                  type: .text, options: [])
            let req = try await RequirementStore.createRequirement(
                try f.editor, moduleID: moduleID,
                draft: RequirementDraft(title: "Detect", statement: "The system shall detect.", attributes: ["sil": ["SIL2"]]))

            // Relabel and add a value: fine. Take out the value SYS-REQ-001 uses: refused, naming it.
            let relabelled = try await RequirementStore.updateAttribute(try f.lead, attributeID: try sil.requireID(),
                                                                        label: "Safety integrity level", options: ["SIL1", "SIL2", "SIL3", "SIL4"])
            #expect(relabelled.label == "Safety integrity level" && relabelled.optionList.count == 4)
            let refused = try await #require(throws: RequirementInvalid.self) {
                try await RequirementStore.updateAttribute(try f.lead, attributeID: try sil.requireID(), label: "SIL", options: ["SIL1"])
            }
            #expect(refused.errors.map(\.reason) == ["“SIL2” is still chosen by SYS-REQ-001; change those first"])
            _ = try await RequirementStore.updateAttribute(try f.lead, attributeID: try sil.requireID(), label: "SIL",
                                                           options: ["SIL2", "SIL3"])
            await #expect(throws: RequirementInvalid.self) {
                try await RequirementStore.updateAttribute(try f.lead, attributeID: try note.requireID(), label: "Note", options: ["a"])
            }
            await #expect(throws: Abort.self) {
                try await RequirementStore.updateAttribute(try f.editor, attributeID: try note.requireID(), label: "N", options: [])
            }

            // Removal: refused while the current version has a value, allowed once it is cleared.
            let inUse = try await #require(throws: RequirementInvalid.self) {
                try await RequirementStore.removeAttribute(try f.lead, attributeID: try sil.requireID())
            }
            #expect(inUse.errors.first?.reason == "“SIL” still has a value in SYS-REQ-001; clear those first")
            try await RequirementStore.removeAttribute(try f.lead, attributeID: try note.requireID())
            var draft = RequirementDraft(fields: try await f.fields(req), attributes: [relabelled])
            draft.attributes["sil"] = []
            _ = try await RequirementStore.updateRequirement(try f.editor, id: try req.requireID(), expectedVersion: 1, draft: draft)
            try await RequirementStore.removeAttribute(try f.lead, attributeID: try sil.requireID())
            #expect(try await AttributeDefinition.query(on: app.db).count() == 0)
            #expect(try await f.auditActions("requirement-attribute.removed").count == 2)
            #expect(try await f.auditActions("requirement-attribute.changed").count == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIChangesModulesAttributesOrderAndThreads(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            let a = try await f.requirement(sys, "A", "The system shall A.")
            _ = try await f.requirement(sys, "B", "The system shall B.")
            _ = try await f.requirement(sys, "C", "The system shall C.")
            let ed = try await f.token("ed@example.com")
            let lena = try await f.token("lena@example.com")
            let vic = try await f.token("vic@example.com")

            var response = try await app.send(.PUT, "/api/v1/projects/ATC/requirement-modules/SYS", headers: ed,
                                              body: #"{"name":"System","description":"Top level","parent_expected":true}"#)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""name":"System""#) && response.text.contains(#""parent_expected":true"#))
            response = try await app.send(.PUT, "/api/v1/projects/ATC/requirement-modules/SYS", headers: ed, body: #"{"name":""}"#)
            #expect(response.status == .unprocessableEntity && response.text.contains("the name must be 1–200 characters"))
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/requirement-modules/SYS", headers: vic, body: #"{"name":"V"}"#).status
                    == .forbidden)

            response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules/SYS/attributes", headers: ed,
                                          body: #"{"name":"sil","label":"SIL","type":"enumeration","values":["SIL1","SIL2"]}"#)
            #expect(response.status == .forbidden)
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules/SYS/attributes", headers: lena,
                                          body: #"{"name":"sil","label":"SIL","type":"colour"}"#)
            #expect(response.status == .unprocessableEntity && response.text.contains("the type must be one of"))
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules/SYS/attributes", headers: lena,
                                          body: #"{"name":"sil","label":"SIL","type":"enumeration","values":["SIL1","SIL2"]}"#)
            #expect(response.status == .created)
            response = try await app.send(.PUT, "/api/v1/projects/ATC/requirement-modules/SYS/attributes/sil", headers: lena,
                                          body: #"{"label":"Safety integrity","values":["SIL1","SIL2","SIL3"]}"#)
            #expect(response.status == .ok && response.text.contains(#""values":["SIL1","SIL2","SIL3"]"#))
            response = try await app.send(.GET, "/api/v1/projects/ATC/requirement-modules/SYS/attributes", headers: vic)
            #expect(response.text.contains(#""label":"Safety integrity""#))
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/requirement-modules/SYS/attributes/none", headers: lena,
                                       body: #"{"label":"X"}"#).status == .notFound)
            #expect(try await app.send(.DELETE, "/api/v1/projects/ATC/requirement-modules/SYS/attributes/sil", headers: lena).status
                    == .noContent)

            // Sections are updated through the same path; an empty module can be deleted (leads), a full one not.
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules/SYS/sections", headers: ed,
                                          body: #"{"title":"Radar"}"#)
            let section = try #require(response.text.firstMatch(of: /"key":"(SYS-SEC-\d+)"/).map { String($0.1) })
            response = try await app.send(.PUT, "/api/v1/projects/ATC/requirements/\(section)", headers: ed,
                                          body: #"{"version":1,"title":"Radar chain","text":"Sensors and trackers."}"#)
            #expect(response.status == .ok && response.text.contains(#""version":2"#) && response.text.contains(#""title":"Radar chain""#))
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/requirements/\(section)", headers: ed,
                                       body: #"{"version":1,"title":"Stale"}"#).status == .conflict)
            response = try await app.send(.DELETE, "/api/v1/projects/ATC/requirements/\(section)?version=2", headers: ed)
            #expect(response.status == .noContent)
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules", headers: ed,
                                       body: #"{"name":"Spare","prefix":"SPARE"}"#).status == .created)
            #expect(try await app.send(.DELETE, "/api/v1/projects/ATC/requirement-modules/SPARE", headers: ed).status == .forbidden)
            response = try await app.send(.DELETE, "/api/v1/projects/ATC/requirement-modules/SYS", headers: lena)
            #expect(response.status == .unprocessableEntity && response.text.contains("only an empty module can be deleted"))
            #expect(try await app.send(.DELETE, "/api/v1/projects/ATC/requirement-modules/SPARE", headers: lena).status == .noContent)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/requirement-modules/SPARE/document", headers: lena).status == .notFound)
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirement-modules", headers: ed,
                                          body: #"{"name":"Spare","prefix":"SPARE"}"#)
            #expect(response.status == .unprocessableEntity && response.text.contains("already used"), "the prefix stays reserved")

            // Move: C to the top, then B under A, then a move into its own subtree is refused.
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-003/move", headers: ed,
                                          body: #"{"parent":null,"position":0}"#)
            #expect(response.status == .ok)
            let order = response.text.matches(of: /"key":"(SYS-REQ-\d+)"/).map { String($0.1) }
            #expect(order == ["SYS-REQ-003", "SYS-REQ-001", "SYS-REQ-002"])
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-002/move", headers: ed,
                                          body: #"{"move":"indent"}"#)
            #expect(response.status == .ok && response.text.contains(#""number":"2.1""#))
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/move", headers: ed,
                                          body: #"{"parent":"SYS-REQ-002","position":0}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/move", headers: ed,
                                       body: #"{"move":"sideways"}"#).status == .unprocessableEntity)
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/requirements/SYS-REQ-001/move", headers: vic,
                                       body: #"{"move":"up"}"#).status == .forbidden)

            // Threads: Vic opens one and may resolve it (author); Ed may reopen it; resolving twice is refused.
            response = try await app.send(.POST, "/api/v1/projects/ATC/requirements/\(a.key)/comments", headers: vic,
                                          body: #"{"body":"Which range?"}"#)
            let thread = try #require(response.text.firstMatch(of: /"id":"([0-9A-Fa-f-]+)"/).map { String($0.1) })
            response = try await app.send(.POST, "/api/v1/projects/ATC/comments/\(thread)/resolve", headers: vic)
            #expect(response.status == .ok && response.text.contains(#""resolved":true"#))
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/comments/\(thread)/resolve", headers: ed).status == .unprocessableEntity)
            response = try await app.send(.POST, "/api/v1/projects/ATC/comments/\(thread)/reopen", headers: ed)
            #expect(response.status == .ok && response.text.contains(#""resolved":false"#))
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/comments/\(UUID())/resolve", headers: ed).status == .notFound)

            let openAPI = try await app.send(.GET, "/api/v1/openapi.json").text
            for operation in ["updateRequirementModule", "deleteRequirementModule", "defineModuleAttribute", "removeModuleAttribute", "moveRequirementItem",
                              "resolveCommentThread", "reopenCommentThread"] {
                #expect(openAPI.contains(operation), "\(operation)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDocumentChangesStatusInlineAndTheModuleAndAttributeForms(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            _ = try await f.requirement(sys, "Detect", "The system shall detect.")
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            var page = try await ed.get("/projects/ATC/requirements/SYS").text
            #expect(page.contains(#"id="inline-status-form""#) && page.contains("inline-status"))
            #expect(page.contains(#"data-version="1""#))
            #expect(page.contains("&quot;Submit for review&quot;") && !page.contains("&quot;Approve&quot;"),
                    "editors are offered only their own transitions")
            var response = try await ed.post("/projects/ATC/items/SYS-REQ-001/status",
                                             form: ["status": "in-review", "version": "1", "back": "document"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/projects/ATC/requirements/SYS#item-SYS-REQ-001")
            response = try await ed.post("/projects/ATC/items/SYS-REQ-001/status",
                                         form: ["status": "obsolete", "version": "2", "back": "document"])
            #expect(response.status == .forbidden)
            page = try await ed.get("/projects/ATC/requirements/SYS").text
            #expect(page.contains("SYS-REQ-001 is now in review."))

            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            page = try await vic.get("/projects/ATC/requirements/SYS").text
            #expect(!page.contains("inline-status") && !page.contains("module-details"))

            // Module details (editors) with field errors kept in the form; attribute forms (leads).
            response = try await ed.post("/projects/ATC/requirements/SYS/details", form: ["module_name": "", "module_description": "Kept"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The name must be 1–200 characters") && response.text.contains(">Kept</textarea>"))
            response = try await ed.post("/projects/ATC/requirements/SYS/details",
                                         form: ["module_name": "System level", "module_description": "", "module_parent_expected": "1"])
            #expect(response.status == .seeOther)
            #expect(try await ed.get("/projects/ATC/requirements/SYS").text.contains("System level (SYS)"))
            #expect(try await ed.post("/projects/ATC/requirements/SYS/attributes", form: ["name": "x", "label": "X", "value_type": "text"]).status
                    == .forbidden)

            let lena = TestBrowser(app)
            try await lena.signIn("lena@example.com")
            response = try await lena.post("/projects/ATC/requirements/SYS/attributes",
                                           form: ["name": "sil", "label": "SIL", "value_type": "enumeration", "options": "SIL1\nSIL2"])
            #expect(response.status == .seeOther)
            let definition = try #require(try await AttributeDefinition.query(on: app.db).first())
            let path = "/projects/ATC/requirements/SYS/attributes/\(try definition.requireID().uuidString.lowercased())"
            response = try await lena.post(path, form: ["label": "", "options": "SIL1\nSIL1"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The label must be 1–100 characters") && response.text.contains("The values must be different"))
            response = try await lena.post(path, form: ["label": "Safety integrity", "options": "SIL1\nSIL2\nSIL3"])
            #expect(response.status == .seeOther)
            #expect(try await lena.get("/projects/ATC/requirements/SYS").text.contains("Safety integrity (sil, One of a list)"))
            response = try await lena.post(path + "/remove", form: [:])
            #expect(response.status == .seeOther)
            #expect(try await AttributeDefinition.query(on: app.db).count() == 0)
            #expect(!(try await lena.get("/projects/ATC/requirements/SYS").text.contains("module-delete")), "only empty modules offer deletion")
            response = try await lena.post("/projects/ATC/requirements/SYS/delete", form: [:])
            #expect(response.status == .unprocessableEntity && response.text.contains("only an empty module can be deleted"))
            #expect(try await lena.post("/projects/ATC/requirements", form: ["name": "Spare", "prefix": "SPARE"]).status == .seeOther)
            #expect(try await lena.get("/projects/ATC/requirements/SPARE").text.contains("module-delete"))
            response = try await lena.post("/projects/ATC/requirements/SPARE/delete", form: [:])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/projects/ATC/requirements")
            let modules = try await lena.get("/projects/ATC/requirements").text
            #expect(modules.contains("Module SPARE deleted.") && !modules.contains(#"href="/projects/ATC/requirements/SPARE""#))
        }
    }
}
