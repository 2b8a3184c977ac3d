import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor

/// The import writes new objects, their rows and their links in batches: keys still come in document order, an
/// existing object can move under a new one, relations sharing a link share it, a refused link names its
/// relation, and an unchanged re-import writes no object. A re-import lists what the file no longer has (and keeps
/// it), and one requirement edited in SESA's own export is exactly one change.
@Suite struct ReqIFImportBatchTests {
    static func relation(_ id: String, _ source: String, _ target: String) -> String {
        """
        <SPEC-RELATION IDENTIFIER="\(id)" LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE><SPEC-RELATION-TYPE-REF>T-REL</SPEC-RELATION-TYPE-REF></TYPE><SOURCE><SPEC-OBJECT-REF>\(source)</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>\(target)</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>
        """
    }

    static func sample(adding relations: [String]) -> String {
        ReqIFImportTests.sample().replacingOccurrences(of: "</SPEC-RELATIONS>", with: relations.joined() + "</SPEC-RELATIONS>")
    }

    @Test(arguments: TestDatabase.all)
    func keysFollowTheDocumentAndRelationsBetweenTheSameObjectsShareALink(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let project = try f.atc.requireID()
            let plan = try ReqIFImportTests.plan(Self.sample(adding: [Self.relation("R-3", "O-2", "O-1")]))
            let applied = try await ReqIFImporter.apply(try f.editor, plan, file: "sample.reqif")
            #expect(applied.items.map(\.key) == ["RS-SEC-001", "RS-REQ-001", "RS-REQ-002", "RS-REQ-003"], "\(applied.items.map(\.key))")
            let keys = try await Artifact.query(on: app.db).filter(\.$projectID == project).all().map { "\($0.key) \($0.title)" }
            #expect(keys.sorted() == ["RS-REQ-001 Detect", "RS-REQ-002 Track", "RS-REQ-003 Report", "RS-SEC-001 Radar"])
            let versions = try await ArtifactVersion.query(on: app.db).filter(\.$projectID == project).count()
            #expect(versions == 4)
            #expect(try await f.auditActions("artifact.created").count == 4)

            let links = try await ArtifactLink.query(on: app.db).filter(\.$projectID == project).all()
            #expect(links.count == 2, "R-1 and R-3 relate Track to Detect with one type: one link")
            #expect(try await f.auditActions("link.created").count == 2)
            let relations = try await ReqIFImportTests.identities(.relation, project, on: app.db)
            let byIdentifier = Dictionary(uniqueKeysWithValues: relations.map { ($0.identifier, $0.targetID) })
            #expect(byIdentifier["R-1"] != nil && byIdentifier["R-1"] == byIdentifier["R-3"])
            #expect(Set(links.compactMap(\.id)) == Set(relations.compactMap(\.targetID)))

            // The same file again: nothing new, no object written, every identity kept.
            let identities = try await ReqIFIdentity.query(on: app.db).filter(\.$projectID == project).count()
            let again = try await ReqIFImporter.apply(try f.editor, plan, file: "sample.reqif")
            #expect(again.count(.unchanged) == 4 && again.count(.new) == 0)
            #expect(try await ArtifactVersion.query(on: app.db).filter(\.$projectID == project).count() == 4)
            #expect(try await ArtifactLink.query(on: app.db).filter(\.$projectID == project).count() == 2)
            #expect(try await ReqIFIdentity.query(on: app.db).filter(\.$projectID == project).count() == identities)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anExistingObjectMovesUnderANewOne(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            try await ReqIFImporter.apply(try f.editor, try ReqIFImportTests.plan(ReqIFImportTests.sample()), file: "sample.reqif")
            // A new chapter "Output" between Track and Report, holding Report.
            let moved = ReqIFImportTests.sample()
                .replacingOccurrences(of: "</SPEC-OBJECTS>", with: """
                    <SPEC-OBJECT IDENTIFIER="O-SEC2" LAST-CHANGE="2026-01-01T00:00:00Z"><TYPE><SPEC-OBJECT-TYPE-REF>T-REQ</SPEC-OBJECT-TYPE-REF></TYPE><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="Output"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>AD-CHAPTER</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT></SPEC-OBJECTS>
                    """)
                .replacingOccurrences(of: #"<SPEC-HIERARCHY IDENTIFIER="H-3""#, with: #"<SPEC-HIERARCHY IDENTIFIER="H-SEC2" LAST-CHANGE="2026-01-01T00:00:00Z"><OBJECT><SPEC-OBJECT-REF>O-SEC2</SPEC-OBJECT-REF></OBJECT><CHILDREN><SPEC-HIERARCHY IDENTIFIER="H-3""#)
                .replacingOccurrences(of: "</CHILDREN></SPEC-HIERARCHY></CHILDREN>", with: "</CHILDREN></SPEC-HIERARCHY></CHILDREN></SPEC-HIERARCHY></CHILDREN>")
            let plan = try ReqIFImportTests.plan(moved)
            let applied = try await ReqIFImporter.apply(try f.editor, plan, file: "sample.reqif")
            #expect(applied.count(.new) == 1 && applied.count(.unchanged) == 4, "\(applied.summary)")
            let output = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Output").first())
            #expect(output.key == "RS-SEC-002")
            let report = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Report").first())
            let row = try #require(try await DocumentItem.find(try report.requireID(), on: app.db))
            #expect(row.parentID == output.id)
            #expect(try await f.reload(report).version == 1, "moving does not change the object")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRefusedLinkNamesItsRelationAndStoresNothing(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let plan = try ReqIFImportTests.plan(Self.sample(adding: [Self.relation("R-SELF", "O-3", "O-3")]))
            let refused = await #expect(throws: RequirementInvalid.self) { try await ReqIFImporter.apply(try f.editor, plan, file: "self.reqif") }
            #expect(refused?.errors.first?.reason == "SPEC-RELATION R-SELF (Parent-Child): an artifact cannot link to itself")
            #expect(try await Artifact.query(on: app.db).count() == 0)
            #expect(try await ArtifactLink.query(on: app.db).count() == 0)
            #expect(try await ReqIFIdentity.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anObjectTheFileNoLongerHasIsListedMissingAndKept(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let project = try f.atc.requireID()
            try await ReqIFImporter.apply(try f.editor, try ReqIFImportTests.plan(ReqIFImportTests.sample()), file: "sample.reqif")
            // The next export has no "Report": its object, its hierarchy node and its relation to Detect are gone.
            let without = ReqIFImportTests.sample()
                .replacing(#/<SPEC-OBJECT IDENTIFIER="O-3".*?</SPEC-OBJECT>/#.dotMatchesNewlines(), with: "")
                .replacing(#/<SPEC-RELATION IDENTIFIER="R-2".*?</SPEC-RELATION>/#, with: "")
                .replacing(#/<SPEC-HIERARCHY IDENTIFIER="H-3".*?</SPEC-HIERARCHY>/#, with: "")
            let plan = try ReqIFImportTests.plan(without)
            let preview = try await ReqIFImporter.preview(try f.editor, plan)
            #expect(preview.count(.missing) == 1 && preview.count(.unchanged) == 3 && preview.count(.new) == 0, "\(preview.summary)")
            let missing = try #require(preview.items.first { $0.state == .missing })
            #expect(missing.objectIdentifier == "O-3" && missing.key == "RS-REQ-003" && missing.title == "Report")
            #expect(missing.module == "Radar spec")
            #expect(preview.missingLinks == ["O-3 → O-1 (Parent-Child)"])

            // Applying keeps what the file no longer has: a removal in the source tool is for a person to decide.
            let applied = try await ReqIFImporter.apply(try f.editor, plan, file: "sample.reqif")
            #expect(applied.count(.missing) == 1)
            let report = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Report").first())
            #expect(report.deletedAt == nil && report.version == 1)
            #expect(try await ArtifactLink.query(on: app.db).filter(\.$projectID == project).count() == 2)
        }
    }

    /// The issue's own words: import a module, change one requirement in SESA's exported file, re-import — the dry
    /// run shows exactly that change, and applying it turns exactly the links at that requirement suspect.
    @Test(arguments: TestDatabase.all)
    func oneRequirementChangedInTheExportedFileIsExactlyThatChange(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let project = try f.atc.requireID()
            try await ReqIFImporter.apply(try f.editor, try ReqIFImportTests.plan(ReqIFImportTests.sample()), file: "sample.reqif")
            let exported = ReqIFWriter(timestamp: "2026-11-23T00:00:00Z")
                .write(try await ReqIFExport.document(projectID: project, on: app.db, now: app.clock.now()))
            let text = String(decoding: exported, as: UTF8.self)
            #expect(text.contains("The radar shall track 100 targets."))
            let edited = text.replacingOccurrences(of: "The radar shall track 100 targets.", with: "The radar shall track 200 targets.")
            let plans = try ReqIFFileImport.plans(of: Data(edited.utf8), name: "export.reqif")

            let preview = try #require(try await ReqIFFileImport.preview(try f.editor, plans).first)
            #expect(preview.count(.changed) == 1 && preview.count(.unchanged) == 3 && preview.count(.new) == 0, "\(preview.summary)")
            #expect(preview.count(.missing) == 0 && preview.newLinks.isEmpty && preview.unchangedLinks == 2)
            let change = try #require(preview.changed.first)
            #expect(change.title == "Track" && change.key == "RS-REQ-002")
            #expect(change.changes.contains { $0.field == "statement" && $0.after == "The radar shall track 200 targets." })
            #expect(change.changes.allSatisfy { $0.field.hasSuffix("statement") }, "\(change.changes.map(\.field))")

            try await ReqIFFileImport.apply(try f.editor, plans, file: "export.reqif")
            let track = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Track").first())
            #expect(track.version == 2)
            let links = try await ArtifactLink.query(on: app.db).filter(\.$projectID == project).all()
            #expect(links.count == 2)
            for link in links {
                #expect(link.suspect == (link.sourceID == track.id || link.targetID == track.id), "only the link at Track turns suspect")
            }
            #expect(try await ArtifactVersion.query(on: app.db).filter(\.$projectID == project).count() == 5, "one new version")
        }
    }
}
