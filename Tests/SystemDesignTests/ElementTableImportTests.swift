import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import SesaTesting
import SystemDesign
import Testing
import Vapor

/// Element sheets on both databases: export → edit → re-import updates in place by key, a dry run stores
/// nothing, and every bad row is named with nothing stored.
@Suite struct ElementTableImportTests {
    static func sheet(_ text: String) throws -> CSVTable { try CSVTable.read(Data(text.utf8), file: "elements.csv") }

    @Test(arguments: TestDatabase.all)
    func aReimportOfAnEditedExportUpdatesInPlaceByKey(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            let projectID = try f.uav.requireID()
            let first = try await ElementTableImport.run(try f.editor, table: try Self.sheet("""
                key,title,level,parent,status,description
                UAV-1,UAV,system,,active,The air vehicle
                UAV-1.1,Avionics,subsystem,UAV-1,,
                UAV-1.1.1,Autopilot,assembly,UAV-1.1,proposed,"Holds attitude, altitude"
                ,Ground station,external,,,
                """), file: "elements.csv", dryRun: false)
            #expect(first.created == ["UAV-1", "EL-001", "UAV-1.1", "UAV-1.1.1"])  // parents first
            #expect(try await f.tree() == ["EL-001", "UAV-1", "  UAV-1.1", "    UAV-1.1.1"])

            // The export has the import's columns, in tree order.
            var table = try await ElementTableImport.table(projectID: projectID, on: app.db)
            #expect(table.header == ElementTableImport.columns)
            #expect(table.rows.map { $0[0] } == ["EL-001", "UAV-1", "UAV-1.1", "UAV-1.1.1"])
            #expect(table.rows[3] == ["UAV-1.1.1", "Autopilot", "assembly", "UAV-1.1", "proposed", "Holds attitude, altitude", ""])

            // Edit the export: rename the autopilot and move it up under the UAV; add a row without a key.
            table.rows[3][1] = "Autopilot unit"
            table.rows[3][3] = "UAV-1"
            table.rows.append(["", "Datalink", "subsystem", "UAV-1", "proposed", "", ""])
            let reread = try CSVTable.read(table.write(), file: "edited.csv")
            let dry = try await ElementTableImport.run(try f.editor, table: reread, file: "edited.csv", dryRun: true)
            #expect(dry.created == ["row 6"])
            #expect(dry.changed == [.init(key: "UAV-1.1.1", fields: ["title", "parent"])])
            #expect(dry.unchanged == ["EL-001", "UAV-1", "UAV-1.1"])
            #expect(try await f.tree() == ["EL-001", "UAV-1", "  UAV-1.1", "    UAV-1.1.1"])  // nothing stored

            let applied = try await ElementTableImport.run(try f.editor, table: reread, file: "edited.csv", dryRun: false)
            #expect(applied.created == ["EL-002"])
            #expect(applied.changed == dry.changed)
            #expect(try await f.tree() == ["EL-001", "UAV-1", "  EL-002", "  UAV-1.1", "  UAV-1.1.1"])
            let autopilot = try await f.row("UAV-1.1.1")
            #expect(autopilot.title == "Autopilot unit")
            #expect(autopilot.version == 2)  // one version for rename and move together
            // Importing the same sheet again changes nothing.
            let again = try await ElementTableImport.run(try f.editor, table: try CSVTable.read(
                try await ElementTableImport.table(projectID: projectID, on: app.db).write(), file: "again.csv"),
                file: "again.csv", dryRun: false)
            #expect(again.created.isEmpty && again.changed.isEmpty && again.unchanged.count == 5)
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyBadRowIsNamedAndNothingIsStored(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            try await f.element("UAV", "system")
            do {
                _ = try await ElementTableImport.run(try f.editor, table: try Self.sheet("""
                    key,title,level,parent,status
                    A,Alpha,system,,
                    B,,subsystem,A,
                    C,Gamma,platform,A,
                    A,Again,system,,
                    D,Delta,component,Z,busy
                    E bad,Echo,component,,
                    """), file: "bad.csv", dryRun: false)
                Issue.record("a bad sheet was accepted")
            } catch let invalid as ElementImportInvalid {
                #expect(invalid.errors.map(\.description) == [
                    "bad.csv, row 3, column 2: title: the title must be 1–200 characters",
                    "bad.csv, row 4, column 3: level: “platform” is not one of the project's levels (system, subsystem, assembly, component, external)",
                    "bad.csv, row 5, column 1: key: A appears again (first in row 2)",
                    "bad.csv, row 6, column 5: status: “busy” is not a status (proposed, active, retired)",
                    "bad.csv, row 7, column 1: key: “E bad” is not a valid key (letters, digits, - _ . only)",
                    "bad.csv, row 6, column 4: parent: there is no element Z in the project or the file",
                ])
            }
            await #expect(throws: ElementImportInvalid.self) {
                try await ElementTableImport.run(try f.editor, table: try Self.sheet("key,name\nA,Alpha\n"), file: "cols.csv", dryRun: false)
            }
            // A parent cycle inside the file (and through the project) is refused.
            do {
                _ = try await ElementTableImport.run(try f.editor, table: try Self.sheet("""
                    key,title,level,parent
                    P,P,system,Q
                    Q,Q,subsystem,P
                    """), file: "loop.csv", dryRun: false)
                Issue.record("a parent loop was accepted")
            } catch let invalid as ElementImportInvalid {
                #expect(invalid.errors.map(\.description) == [
                    "loop.csv, row 2, column 4: parent: P would end up below itself (a cycle of parents)",
                    "loop.csv, row 3, column 4: parent: Q would end up below itself (a cycle of parents)",
                ])
            }
            #expect(try await f.tree() == ["EL-001"])
            #expect(try await Artifact.query(on: app.db).count() == 1)
            // Viewers cannot import, not even a dry run.
            await #expect(throws: Abort.self) {
                try await ElementTableImport.run(try f.context(.viewer, as: f.vic), table: try Self.sheet("title,level\nX,system\n"),
                                                 file: "x.csv", dryRun: true)
            }
        }
    }
}
