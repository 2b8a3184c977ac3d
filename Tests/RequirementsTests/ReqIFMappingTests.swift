import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
@testable import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Saved field mappings per source tool: the mapping itself (pure), its storage and audit (both databases), the
/// API, and the import page's form — a DOORS file whose text is "Object Text" imports as statements once mapped.
@Suite struct ReqIFMappingTests {
    /// The sample with DOORS's own name for the text attribute.
    static let doors = ReqIFImportTests.sample().replacingOccurrences(of: #"LONG-NAME="ReqIF.Text""#, with: #"LONG-NAME="Object Text""#)

    static func plan(_ text: String, _ mappings: [String: ReqIFFieldMapping] = [:]) throws -> ReqIFImportPlan {
        ReqIFImportPlan(try ReqIFReader().read(Data(text.utf8), file: "doors.reqif").document, mappings: mappings)
    }

    @Test func aMappingDecidesWhichAttributesAreFieldsAndStoresOnlyRealChoices() throws {
        var mapping = ReqIFFieldMapping()
        #expect(mapping.target("ReqIF.Text") == .text && mapping.target("Object Text") == .custom)
        mapping.set("Object Text", to: .text)
        mapping.set("ReqIF.Name", to: .custom)
        mapping.set("ReqIF.ChapterName", to: .chapterName)
        #expect(mapping.entries == ["Object Text": "ReqIF.Text", "ReqIF.Name": "custom"], "the default choice is not stored")
        #expect(ReqIFFieldMapping.Target(code: "ReqIF.Bogus") == nil)

        let unmapped = try Self.plan(Self.doors)
        #expect(unmapped.sourceTool == "DOORS")
        #expect(unmapped.attributeLabels == ["ReqIF.Name", "ReqIF.ForeignID", "ReqIF.ChapterName", "Object Text", "ASIL"])
        let module = try #require(unmapped.modules.first)
        #expect(module.attributes.map(\.label) == ["ReqIF.ForeignID", "Object Text", "ASIL"], "unmapped, the text is a custom attribute")

        let mapped = try Self.plan(Self.doors, ["DOORS": mapping, "Polarion": ReqIFFieldMapping(entries: ["ASIL": "ReqIF.Name"])])
        let mappedModule = try #require(mapped.modules.first)
        #expect(mappedModule.attributes.map(\.label) == ["ReqIF.Name", "ReqIF.ForeignID", "ASIL"], "only the file's tool's mapping applies")
        let detect = try #require(mappedModule.items.first?.children.first)
        #expect(detect.standard[ReqIFImportPlan.text]?.text == "The radar shall detect targets within 50 km.")
        #expect(detect.standard[ReqIFImportPlan.name] == nil && detect.values["AD-NAME"] == .string("Detect"))
        #expect(mapped.mapping == mapping)
    }

    @Test(arguments: TestDatabase.all)
    func editorsSaveAMappingThatLaterImportsUse(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            await #expect(throws: Abort.self) {
                try await ReqIFMappings.save(try f.context(.viewer, as: f.vic), tool: "DOORS", choices: ["Object Text": "ReqIF.Text"])
            }
            do {
                _ = try await ReqIFMappings.save(try f.editor, tool: "DOORS", choices: ["Object Text": "statement"])
                Issue.record("an unknown target is refused")
            } catch let invalid as RequirementInvalid {
                #expect(invalid.errors.map(\.field) == ["mapping.Object Text"] && invalid.errors[0].reason.contains("ReqIF.Text"))
            }
            #expect(try await ReqIFMapping.query(on: app.db).count() == 0, "refusals store nothing")

            let saved = try await ReqIFMappings.save(try f.editor, tool: " DOORS ", choices: ["Object Text": "ReqIF.Text", "ASIL": "custom"])
            #expect(saved.entries == ["Object Text": "ReqIF.Text"])
            let projectID = try f.atc.requireID()
            #expect(try await ReqIFMappings.all(projectID: projectID, on: app.db) == ["DOORS": saved])
            _ = try await ReqIFMappings.save(try f.editor, tool: "DOORS", choices: ["Object Text": "ReqIF.Text"])
            #expect(try await f.auditActions("reqif-mapping.changed").count == 1, "saving the same mapping again records nothing")
            #expect(try await ReqIFMapping.query(on: app.db).count() == 1)

            let plans = try ReqIFFileImport.plans(of: Data(Self.doors.utf8), name: "doors.reqif",
                                                  mappings: try await ReqIFMappings.all(projectID: projectID, on: app.db))
            _ = try await ReqIFFileImport.apply(try f.editor, plans, file: "doors.reqif")
            let detect = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Detect").first())
            #expect(try await f.fields(detect)["statement"] == .string("The radar shall detect targets within 50 km."))
            let module = try #require(try await RequirementModule.query(on: app.db).first())
            let labels = try await AttributeDefinition.query(on: app.db).filter(\.$moduleID == (try module.requireID())).all().map(\.label)
            #expect(labels.sorted() == ["ASIL", "ReqIF.ForeignID"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIAndTheImportPageSaveMappings(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            var ed = try await f.token("ed@example.com")
            ed.contentType = .json
            var vic = try await f.token("vic@example.com")
            vic.contentType = .json
            let body = #"{"tool":"DOORS","entries":{"Object Text":"ReqIF.Text"}}"#
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/reqif-mappings", headers: vic, body: body).status == .forbidden)
            var response = try await app.send(.PUT, "/api/v1/projects/ATC/reqif-mappings", headers: ed, body: #"{"tool":"DOORS","entries":{"A":"x"}}"#)
            #expect(response.status == .unprocessableEntity && response.text.contains("mapping.A"))
            response = try await app.send(.PUT, "/api/v1/projects/ATC/reqif-mappings", headers: ed, body: body)
            #expect(response.status == .ok && response.text.contains(#""Object Text":"ReqIF.Text""#))
            response = try await app.send(.GET, "/api/v1/projects/ATC/reqif-mappings", headers: vic)
            #expect(response.status == .ok && response.text.contains(#""tool":"DOORS""#))

            // The page: the comparison offers the file's attributes; choosing "custom" for ReqIF.Name saves it and
            // compares again with it.
            let browser = TestBrowser(app)
            try await browser.signIn("ed@example.com")
            response = try await browser.upload("/projects/ATC/requirements-import", file: ("file", "doors.reqif", Self.doors))
            #expect(response.status == .ok && response.text.contains("Field mapping for DOORS (5 attributes)"))
            #expect(response.text.contains(#"<option value="ReqIF.Text" selected="selected">"#), "the saved choice is shown")
            let action = try #require(response.text.firstMatch(of: /action="(\/projects\/ATC\/requirements-import\/[0-9a-f-]+\/mapping)"/)).1
            var form = ["tool": "DOORS"]
            for (index, attribute) in ["ReqIF.Name", "ReqIF.ForeignID", "ReqIF.ChapterName", "Object Text", "ASIL"].enumerated() {
                form["attribute-\(index)"] = attribute
                form["target-\(index)"] = attribute == "ReqIF.Name" ? "custom" : ReqIFFieldMapping().target(attribute).code
            }
            form["target-3"] = "ReqIF.Text"
            response = try await browser.post(String(action), form: form)
            #expect(response.status == .ok && response.text.contains("Saved the field mapping for DOORS"))
            #expect(response.text.contains("4 new, 0 changed"))
            #expect(try await ReqIFMappings.all(projectID: try f.atc.requireID(), on: app.db)["DOORS"]?.entries
                == ["Object Text": "ReqIF.Text", "ReqIF.Name": "custom"])
        }
    }
}
