import Artifacts
import Fluent
import Foundation
import Interfaces
import Platform
import SesaTesting
import SystemDesign
import Testing
import TraceEngine
import Vapor

/// The N² matrix of a hand-built system on both databases: stored elements and interfaces, read back, rolled
/// up and filtered, equal the matrix worked out by hand (direction included); and the interface rules.
@Suite struct N2MatrixStoreTests {
    @Test(arguments: TestDatabase.all)
    func theMatrixOfTheHandBuiltSystemEqualsTheHandComputedOne(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await InterfaceFixtures.make(app)
            let view = try await f.view()
            #expect(view.matrix.rows.map { view.elements[$0].title } == ["PWR", "AVI", "PAY", "PRP", "COM", "STR"])
            // Worked out by hand from the plan in InterfaceFixtures:
            #expect(view.cellText == [
                "PWR>PWR: IF-006",            // cell balancing, inside the power subsystem
                "PWR>AVI: IF-001",            // battery → flight computer, rolled up
                "PWR>PAY: IF-008",            // retired, still shown without a status filter
                "AVI>PAY: IF-003",            // both ways: in both cells
                "AVI>PRP: IF-002",
                "AVI>COM: IF-005",            // B → A: flows from AVI (side B) to COM (side A)
                "PAY>AVI: IF-003",
                "PAY>STR: IF-004*",           // undirected: both cells, marked
                "STR>PAY: IF-004*",
            ])
            #expect(view.matrix.outside.map { view.interfaces[$0].key } == ["IF-007"])  // the ground station is external

            // Filters: status and type.
            let agreed = try await f.view(filter: .init(statuses: [.agreed, .controlled]))
            #expect(agreed.cellText == ["PWR>PWR: IF-006", "PWR>AVI: IF-001", "AVI>PAY: IF-003", "AVI>PRP: IF-002",
                                        "PAY>AVI: IF-003", "PAY>STR: IF-004*", "STR>PAY: IF-004*"])
            let power = try await f.view(filter: .init(types: ["power"]))
            #expect(power.cellText == ["PWR>PWR: IF-006", "PWR>AVI: IF-001", "PWR>PAY: IF-008"])

            // Another level: the assemblies see only what joins them.
            let assemblies = try await f.view(level: "assembly")
            #expect(assemblies.cellText == ["BAT>FCC: IF-001"])
            #expect(assemblies.matrix.outside.count == 7)
            // At the system level everything but the radio link is inside the system.
            let system = try await f.view(level: "system")
            #expect(system.cellText == ["SYS>SYS: IF-001 IF-002 IF-003 IF-004* IF-005 IF-006 IF-008"])

            // The sheet export of the matrix counts per cell.
            #expect(view.table[0] == ["", "EL-002", "EL-003", "EL-004", "EL-005", "EL-006", "EL-007"])
            #expect(view.table[1] == ["EL-002", "1", "1", "1", "", "", ""])
        }
    }

    @Test(arguments: TestDatabase.all)
    func interfacesJoinTwoLiveElementsAndKeepThemFromDeletion(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await InterfaceFixtures.make(app, interfaces: false)
            let context = try f.context()
            do {
                try await InterfaceStore.create(context, draft: InterfaceDraft(title: "", sideA: f.elements["PWR"], sideB: f.elements["PWR"],
                                                                               type: "plasma"))
                Issue.record("accepted a bad interface")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.map(\.field) == ["title", "side_b", "type"])
                #expect(invalid.errors[2].reason == "“plasma” is not one of the project's interface types (data, signal, power, mechanical, fluid, thermal)")
            }
            await #expect(throws: FieldsInvalid.self) {
                try await InterfaceStore.create(context, draft: InterfaceDraft(title: "X", sideA: UUID(), sideB: f.elements["PWR"], type: "data"))
            }
            await #expect(throws: Abort.self) {
                try await InterfaceStore.create(try f.context(.viewer), draft: InterfaceDraft(title: "X", sideA: f.elements["PAY"],
                                                                                              sideB: f.elements["PWR"], type: "data"))
            }
            let link = try await InterfaceStore.create(context, draft: InterfaceDraft(title: "Payload power", sideA: f.elements["PWR"],
                                                                                      sideB: f.elements["PAY"], type: "power"))
            #expect(link.key == "IF-001")

            // An element at an end of an interface cannot be deleted; a level in use by interfaces' types neither.
            let pay = try await SystemElementQueries.element(key: f.keys["PAY"]!, projectID: try f.projectID, on: app.db)!
            do {
                try await SystemElementStore.delete(context, id: pay.id, expectedVersion: pay.version)
                Issue.record("deleted an element with an interface")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors[0].reason == "\(pay.key) is still named by 1 interface; remove or reconnect them first")
            }
            await #expect(throws: FieldsInvalid.self) {
                try await InterfaceStore.saveTypes(try f.context(.lead), types: ["data", "signal"])
            }
            // A change of direction is a new version that turns the interface's links suspect; status alone does not.
            var draft = InterfaceDraft(title: "Payload power", sideA: f.elements["PWR"], sideB: f.elements["PAY"], type: "power",
                                       status: .agreed)
            let agreed = try await InterfaceStore.update(context, id: try link.requireID(), expectedVersion: 1, draft: draft)
            #expect(agreed.triggerHash == link.triggerHash)
            draft.direction = N2Matrix.Direction.bidirectional.rawValue
            let turned = try await InterfaceStore.update(context, id: try link.requireID(), expectedVersion: 2, draft: draft)
            #expect(turned.triggerHash != link.triggerHash)
            await #expect(throws: VersionConflict.self) {
                try await InterfaceStore.update(context, id: try link.requireID(), expectedVersion: 2, draft: draft)
            }
            try await InterfaceStore.delete(context, id: try link.requireID(), expectedVersion: 3)
            try await SystemElementStore.delete(context, id: pay.id, expectedVersion: pay.version)
        }
    }
}
