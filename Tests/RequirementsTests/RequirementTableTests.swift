import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor

/// A module as CSV, on both databases: the export re-imports unchanged; an edited sheet shows exactly its
/// changes; bad rows are all reported with row and column and nothing is stored; applying is all or nothing
/// and turns the edited requirement's links suspect.
@Suite struct RequirementTableTests {
    @Test(arguments: TestDatabase.all)
    func aModuleRoundTripsThroughCSVAndAnEditedSheetShowsExactlyItsChanges(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            _ = try await RequirementStore.defineAttribute(try f.lead, moduleID: try sys.requireID(), name: "sil", label: "Safety level",
                                                           type: .enumeration, options: ["SIL 1", "SIL 2"])
            let section = try await RequirementStore.createSection(try f.editor, moduleID: try sys.requireID(), title: "Radar", text: "Sensing")
            let detect = try await f.requirement(sys, "Detect", "The radar shall detect targets within 50 km.", parent: try section.requireID(),
                                                 tags: ["radar"])
            let track = try await f.requirement(sys, "Track", "The radar shall track 100 targets.", parent: try section.requireID())
            let link = try await RequirementStore.link(try f.editor, kind: "derives-from", from: track.key, to: detect.key)

            let exported = try await RequirementTable.export(module: sys, on: app.db)
            #expect(exported.header.prefix(4) == ["key", "kind", "parent", "title"] && exported.header.last == "Safety level")
            #expect(exported.rows.map { $0[0] } == [section.key, detect.key, track.key])
            let table = try CSVTable.read(exported.write(), file: "sys.csv")
            let same = try await RequirementTable.preview(try f.editor, module: sys, table: table, file: "sys.csv")
            #expect(same.count(.unchanged) == 3 && same.count(.changed) == 0 && same.count(.new) == 0, "\(same.summary)")
            #expect(same.warnings.contains { $0.contains("status column is not imported") })

            // Edit Track's statement and level, add a row, and break two rows: every problem is named, nothing stored.
            var edited = table
            let statement = try #require(edited.header.firstIndex(of: "statement"))
            let level = try #require(edited.header.firstIndex(of: "Safety level"))
            edited.rows[2][statement] = "The radar shall track 200 targets."
            edited.rows[2][level] = "SIL 2"
            var bad = edited
            bad.rows.append(["", "requirement", section.key, "Report", "", "", "functional", "urgent", "", "", "", "", "", ""])
            bad.rows.append(["SYS-REQ-999", "", "", "Ghost", "x", "", "", "", "", "", "", "", "", ""])
            do {
                try await RequirementTable.apply(try f.editor, module: sys, table: bad, file: "sys.csv")
                Issue.record("a sheet with bad rows must be refused")
            } catch let problems as RequirementTable.Problems {
                let text = problems.description
                #expect(text.contains("sys.csv, row 5, column 5: the statement is required"), "\(text)")
                #expect(text.contains("sys.csv, row 5, column 8: the priority must be high, medium or low"), "\(text)")
                #expect(text.contains("sys.csv, row 6, column 1: SYS-REQ-999 is not in module SYS"), "\(text)")
            }
            #expect(try await f.reload(track).version == 1, "nothing was stored")
            #expect(try await DocumentItem.query(on: app.db).count() == 3)

            edited.rows.append(["", "requirement", section.key, "Report", "The radar shall report tracks.", "", "", "", "", "", "", "", "", "SIL 1"])
            let preview = try await RequirementTable.preview(try f.editor, module: sys, table: edited, file: "sys.csv")
            #expect(preview.count(.changed) == 1 && preview.count(.new) == 1 && preview.count(.unchanged) == 2)
            #expect(preview.changed.first?.key == track.key && preview.changed.first?.changes.map(\.field) == ["attr.sil", "statement"])
            let applied = try await RequirementTable.apply(try f.editor, module: sys, table: edited, file: "sys.csv")
            #expect(applied.items.first { $0.state == .new }?.key == "SYS-REQ-003")
            #expect(try await f.fields(track)["statement"] == .string("The radar shall track 200 targets."))
            #expect(try #require(try await ArtifactLink.find(link.id, on: app.db)).suspect, "the edited requirement's link turns suspect")
            let reportArtifact = try #require(try await Artifact.query(on: app.db).filter(\.$key == "SYS-REQ-003").first())
            let report = try #require(try await DocumentItem.find(try reportArtifact.requireID(), on: app.db))
            #expect(report.parentID == section.id && report.position == 2)
            #expect(try await f.auditActions("requirements.table-imported").count == 1)
            await #expect(throws: Abort.self) {
                try await RequirementTable.preview(try f.context(.viewer, as: f.vic), module: sys, table: edited, file: "sys.csv")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIImportsASheetWithRowErrorsOrAllOfIt(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            try await f.requirement(sys, "Detect", "The radar shall detect targets.")
            var ed = try await f.token("ed@example.com")
            ed.replaceOrAdd(name: .contentType, value: "text/csv")
            var vic = try await f.token("vic@example.com")
            vic.replaceOrAdd(name: .contentType, value: "text/csv")
            let path = "/api/v1/projects/ATC/requirement-modules/SYS/imports/table?file=sys.csv"
            let sheet = "key,title,statement\nSYS-REQ-001,Detect,The radar shall detect targets within 50 km.\n,Track,The radar shall track targets.\n"

            #expect(try await app.send(.POST, path + "&dry_run=1", headers: vic, body: sheet).status == .forbidden)
            var response = try await app.send(.POST, path + "&dry_run=1", headers: ed, body: sheet)
            #expect(response.status == .ok && response.text.contains("1 new, 1 changed, 0 unchanged"))
            response = try await app.send(.POST, path, headers: ed, body: "key,title,statement\n,,x\nSYS-REQ-404,A,b\n")
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(#""field":"row 2, column 2""#) && response.text.contains("sys.csv, row 3, column 1: SYS-REQ-404 is not in module SYS"))
            #expect(try await DocumentItem.query(on: app.db).count() == 1, "nothing stored")
            response = try await app.send(.POST, path, headers: ed, body: sheet)
            #expect(response.status == .ok && response.text.contains("SYS-REQ-002"))
            #expect(try await DocumentItem.query(on: app.db).count() == 2)
        }
    }
}
