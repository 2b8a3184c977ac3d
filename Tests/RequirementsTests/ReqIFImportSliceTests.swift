import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor

/// A file larger than the importer's slices (new objects are written 1,000 at a time, existing ones compared 500
/// at a time, as plain rows): keys stay in document order across slices, and a re-import that changes one object
/// deep in the file shows and writes exactly that one and turns exactly its link suspect.
@Suite struct ReqIFImportSliceTests {
    static let count = 1_200

    /// The sample with `count` more requirements ("Log 1" …) after its section, the one numbered `changed` with
    /// another text, and a relation from "Log 1100" to "Detect".
    static func large(changing changed: Int? = nil) throws -> ReqIFImportPlan {
        let objects = (1...count).map { n in
            let text = n == changed ? "The radar shall log event \(n) twice." : "The radar shall log event \(n)."
            return """
                <SPEC-OBJECT IDENTIFIER="O-L\(n)" LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE><SPEC-OBJECT-TYPE-REF>T-REQ</SPEC-OBJECT-TYPE-REF></TYPE><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="Log \(n)"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>AD-NAME</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING><ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>AD-TEXT</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div>\(text)</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML></VALUES></SPEC-OBJECT>
                """
        }
        let nodes = (1...count).map { n in
            #"<SPEC-HIERARCHY IDENTIFIER="H-L\#(n)" LAST-CHANGE="2026-01-01T00:00:00Z"><OBJECT><SPEC-OBJECT-REF>O-L\#(n)</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>"#
        }
        var text = ReqIFImportBatchTests.sample(adding: [ReqIFImportBatchTests.relation("R-L", "O-L1100", "O-1")])
            .replacingOccurrences(of: "</SPEC-OBJECTS>", with: objects.joined() + "</SPEC-OBJECTS>")
        // The specification's own CHILDREN end last: the new nodes go after the section.
        let end = try #require(text.range(of: "</CHILDREN>", options: .backwards))
        text.replaceSubrange(end, with: nodes.joined() + "</CHILDREN>")
        return try ReqIFImportTests.plan(text)
    }

    @Test(arguments: TestDatabase.all)
    func keysStayInDocumentOrderAcrossSlicesAndOneChangeDeepInTheFileIsExactlyThatChange(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let project = try f.atc.requireID()
            let applied = try await ReqIFImporter.apply(try f.editor, try Self.large(), file: "large.reqif")
            #expect(applied.count(.new) == Self.count + 4, "\(applied.summary)")
            let requirementKeys = applied.items.compactMap(\.key).filter { $0.hasPrefix("RS-REQ-") }
            let numbers = requirementKeys.compactMap { Int($0.dropFirst("RS-REQ-".count)) }
            #expect(numbers == Array(1...(Self.count + 3)), "requirement keys in document order, none skipped")
            let stored = try await Artifact.query(on: app.db).filter(\.$projectID == project).count()
            #expect(stored == Self.count + 4)
            let rows = try await DocumentItem.query(on: app.db).filter(\.$projectID == project).count()
            #expect(rows == Self.count + 4, "every object has its document row")
            let log1200 = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Log 1200").first())
            let row = try #require(try await DocumentItem.find(try log1200.requireID(), on: app.db))
            #expect(row.parentID == nil && row.position == Self.count, "after the section, in file order")

            // "Log 1100" is in the third slice of the comparison: the dry run shows exactly it.
            let changed = try Self.large(changing: 1_100)
            let preview = try await ReqIFImporter.preview(try f.editor, changed)
            #expect(preview.count(.changed) == 1 && preview.count(.unchanged) == Self.count + 3, "\(preview.summary)")
            let change = try #require(preview.changed.first)
            #expect(change.objectIdentifier == "O-L1100" && change.title == "Log 1100")
            #expect(change.changes.map(\.field) == ["statement", "xhtml.statement"])
            #expect(change.changes.first?.after == "The radar shall log event 1100 twice.")

            let versions = try await ArtifactVersion.query(on: app.db).filter(\.$projectID == project).count()
            try await ReqIFImporter.apply(try f.editor, changed, file: "large.reqif")
            #expect(try await ArtifactVersion.query(on: app.db).filter(\.$projectID == project).count() == versions + 1)
            let log1100 = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Log 1100").first())
            #expect(log1100.version == 2)
            #expect(try await f.fields(log1100)["statement"] == .string("The radar shall log event 1100 twice."))
            let links = try await ArtifactLink.query(on: app.db).filter(\.$projectID == project).all()
            #expect(links.count == 3)
            #expect(links.filter(\.suspect).map(\.sourceID) == [log1100.id], "only the link at Log 1100 turns suspect")
            let search = try #require(try await DocumentItem.find(try log1100.requireID(), on: app.db))
            #expect(search.statement == "The radar shall log event 1100 twice.", "the document row follows the change")
        }
    }
}
