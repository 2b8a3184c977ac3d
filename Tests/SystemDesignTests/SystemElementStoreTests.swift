import Artifacts
import Fluent
import Foundation
import Platform
import SesaTesting
import SystemDesign
import Testing
import Vapor

/// The element tree on both databases: creation and levels, moves with cycle refusal, deletion rules,
/// relations, and the picker.
@Suite struct SystemElementStoreTests {
    @Test(arguments: TestDatabase.all)
    func reparentingBelowItselfIsRefusedAndNamesTheChain(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            let uav = try await f.element("UAV", "system")
            let avionics = try await f.element("Avionics", "subsystem", under: uav)
            let fcc = try await f.element("Flight control computer", "assembly", under: avionics)
            let gcs = try await f.element("Ground station", "external")
            #expect([uav.key, avionics.key, fcc.key, gcs.key] == ["EL-001", "EL-002", "EL-003", "EL-004"])
            #expect(try await f.tree() == ["EL-001", "  EL-002", "    EL-003", "EL-004"])

            do {
                try await SystemElementStore.move(try f.editor, id: try uav.requireID(), expectedVersion: 1, under: fcc.id)
                Issue.record("moved an element below its own descendant")
            } catch let refusal as FieldsInvalid {
                #expect(refusal.errors.map(\.field) == ["parent"])
                #expect(refusal.errors[0].reason == "EL-003 lies below EL-001 (EL-001 → EL-002 → EL-003); moving there would make a cycle")
            }
            await #expect(throws: FieldsInvalid.self) {
                try await SystemElementStore.move(try f.editor, id: try uav.requireID(), expectedVersion: 1, under: uav.id)
            }
            // Nothing moved, no version written.
            #expect(try await f.tree() == ["EL-001", "  EL-002", "    EL-003", "EL-004"])
            #expect(try await f.row("EL-001").version == 1)

            // A legal move carries the subtree and records the parent's key in the element's history.
            let moved = try await SystemElementStore.move(try f.editor, id: try avionics.requireID(), expectedVersion: 1, under: gcs.id)
            #expect(moved.version == 2)
            #expect(try await f.tree() == ["EL-001", "EL-004", "  EL-002", "    EL-003"])
            let fields = try await ArtifactQueries.version(try avionics.requireID(), 2, on: app.db).fields()
            #expect(fields["parent"] == .string("EL-004"))
            // A stale version is refused with 409, and viewers may not move at all.
            await #expect(throws: VersionConflict.self) {
                try await SystemElementStore.move(try f.editor, id: try avionics.requireID(), expectedVersion: 1, under: nil)
            }
            await #expect(throws: Abort.self) {
                try await SystemElementStore.move(try f.context(.viewer, as: f.vic), id: try avionics.requireID(), expectedVersion: 2, under: nil)
            }
            try await SystemElementStore.move(try f.editor, id: try avionics.requireID(), expectedVersion: 2, under: nil)
            #expect(try await f.tree() == ["EL-001", "EL-002", "  EL-003", "EL-004"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func levelsAreTheProjectsAndOneInUseCannotGo(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            do {
                try await f.element("UAV", "platform")
                Issue.record("accepted an unknown level")
            } catch let refusal as FieldsInvalid {
                #expect(refusal.errors[0].field == "level")
                #expect(refusal.errors[0].reason.contains("“platform” is not one of the project's levels (system, subsystem, assembly, component, external)"))
            }
            let uav = try await f.element("UAV", " System ")
            #expect(try await f.row(uav.key).level == "system")
            await #expect(throws: Abort.self) {
                try await SystemElementStore.saveLevels(try f.editor, levels: ["system", "segment"])
            }
            do {
                try await SystemElementStore.saveLevels(try f.lead, levels: ["segment", "unit"])
                Issue.record("removed a level in use")
            } catch let refusal as FieldsInvalid {
                #expect(refusal.errors[0].reason == "1 element is at the level “system”; change them first")
            }
            await #expect(throws: FieldsInvalid.self) { try await SystemElementStore.saveLevels(try f.lead, levels: ["a", "A"]) }
            try await SystemElementStore.saveLevels(try f.lead, levels: ["System", "segment", "", "unit"])
            let settings = try await SystemDesignSettings.of(try f.uav.requireID(), on: app.db)
            #expect(settings.levelList == ["system", "segment", "unit"])
            try await f.element("Air segment", "segment", under: uav)
            await #expect(throws: FieldsInvalid.self) { try await f.element("Autopilot", "subsystem", under: uav) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingKeepsHistoryAndRefusesElementsWithParts(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            let uav = try await f.element("UAV", "system")
            let camera = try await f.element("Camera", "subsystem", under: uav)
            do {
                try await SystemElementStore.delete(try f.editor, id: try uav.requireID(), expectedVersion: 1)
                Issue.record("deleted an element with parts")
            } catch let refusal as FieldsInvalid {
                #expect(refusal.errors[0].reason == "EL-001 has 1 child element; move or delete them first")
            }
            try await SystemElementStore.delete(try f.editor, id: try camera.requireID(), expectedVersion: 1)
            #expect(try await f.tree() == ["EL-001"])
            #expect(try await ArtifactQueries.history(try camera.requireID(), on: app.db).count == 2)
            // The key is never reused.
            #expect(try await f.element("Gimbal", "subsystem", under: uav).key == "EL-003")
        }
    }

    @Test(arguments: TestDatabase.all)
    func relationsAreTypedAndDependsOnCannotLoop(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            let power = try await f.element("Power", "subsystem")
            let avionics = try await f.element("Avionics", "subsystem")
            let payload = try await f.element("Payload", "subsystem")
            try await SystemElementStore.relate(try f.editor, kind: "depends-on", from: try avionics.requireID(), to: power.key)
            try await SystemElementStore.relate(try f.editor, kind: "depends-on", from: try payload.requireID(), to: avionics.key)
            do {
                try await SystemElementStore.relate(try f.editor, kind: "depends-on", from: try power.requireID(), to: payload.key)
                Issue.record("accepted a dependency loop")
            } catch let refusal as FieldsInvalid {
                #expect(refusal.errors[0].reason == "this depends-on link would close a cycle: EL-003 → EL-002 → EL-001 → EL-003")
            }
            await #expect(throws: FieldsInvalid.self) {
                try await SystemElementStore.relate(try f.editor, kind: "derives-from", from: try power.requireID(), to: payload.key)
            }
            await #expect(throws: FieldsInvalid.self) {
                try await SystemElementStore.relate(try f.editor, kind: "depends-on", from: try power.requireID(), to: "EL-999")
            }
            let association = try await SystemElementStore.relate(try f.editor, kind: "associated-with", from: try power.requireID(),
                                                                  to: payload.key)
            try await SystemElementStore.unrelate(try f.editor, linkID: try association.requireID())
            #expect(try await ArtifactLink.query(on: app.db).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePickerFindsKeysAndTitleWordsKeyPrefixesFirst(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await DesignFixtures.make(app)
            let uav = try await f.element("UAV air vehicle", "system")
            try await f.element("Flight control computer", "assembly", under: uav)
            try await f.element("Flight termination", "assembly", under: uav)
            try await f.element("Camera 100% zoom_x", "component", under: uav)
            let projectID = try f.uav.requireID()
            func keys(_ query: String) async throws -> [String] {
                try await SystemElementQueries.search(query, projectID: projectID, on: app.db).map(\.key)
            }
            #expect(try await keys("flight") == ["EL-002", "EL-003"])
            #expect(try await keys("FLIGHT comp") == ["EL-002"])
            #expect(try await keys("el-004") == ["EL-004"])
            #expect(try await keys("100%") == ["EL-004"])
            #expect(try await keys("m_x") == ["EL-004"])
            #expect(try await keys("0_") == [])
            #expect(try await keys("").count == 4)
        }
    }
}
