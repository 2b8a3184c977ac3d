import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing

/// An imported requirement edited in SESA's forms keeps what the import brought (`reqif.*`, XHTML originals)
/// while the text it belongs to is unchanged, and drops a stale XHTML original once the text changes — so a
/// ReqIF export writes either the original XHTML or the edited text, never old XHTML for new text.
@Suite struct ImportedFieldsTests {
    @Test(arguments: TestDatabase.all)
    func editsKeepImportedOriginalsUntilTheirTextChanges(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            try await ReqIFImporter.apply(try f.editor, try ReqIFImportTests.plan(ReqIFImportTests.sample()), file: "sample.reqif")
            let detect = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Detect").first())
            let imported = try await f.fields(detect)
            #expect(imported["xhtml.statement"].displayText.contains("<xhtml:b>50 km</xhtml:b>"))

            var draft = RequirementDraft(fields: imported, attributes: [])
            draft.title = "Detect"
            draft.rationale = "Range drives the antenna size."
            var edited = try await RequirementStore.updateRequirement(try f.editor, id: try detect.requireID(), expectedVersion: detect.version,
                                                                      draft: draft)
            var fields = try await f.fields(edited)
            #expect(fields["rationale"] == .string("Range drives the antenna size."))
            #expect(fields["xhtml.statement"] == imported["xhtml.statement"], "the statement is unchanged: its XHTML stays")

            draft.statement = "The radar shall detect targets within 80 km."
            edited = try await RequirementStore.updateRequirement(try f.editor, id: try detect.requireID(), expectedVersion: edited.version,
                                                                  draft: draft)
            fields = try await f.fields(edited)
            #expect(fields["xhtml.statement"] == .null, "a changed statement drops the stale XHTML")
            let export = String(decoding: try await ReqIFExportFile.data(format: "reqif", projectID: try f.atc.requireID(), projectKey: "ATC",
                                                                         prefix: nil, on: app.db, now: Date()), as: UTF8.self)
            #expect(export.contains("80 km") && !export.contains("<xhtml:b>50 km</xhtml:b>"))

            // A section edited in its form keeps the ReqIF fields it has no form field for.
            let section = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Radar").first())
            let sectionFields = try await f.fields(section)
            let kept = sectionFields.fieldNames.filter { $0.hasPrefix("reqif.") }
            #expect(!kept.isEmpty, "the sample's section has ReqIF values without a SESA field: \(sectionFields.fieldNames)")
            let updated = try await RequirementStore.updateSection(try f.editor, id: try section.requireID(), expectedVersion: section.version,
                                                                   title: "Radar", text: "Sensing and tracking")
            let after = try await f.fields(updated)
            for name in kept { #expect(after[name] == sectionFields[name], "\(name) is kept") }
        }
    }
}
