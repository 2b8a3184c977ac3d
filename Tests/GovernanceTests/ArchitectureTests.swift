import Artifacts
import Fluent
import Foundation
import Governance
import Interfaces
import Platform
import SesaTesting
import SystemDesign
import Testing
import TraceEngine
import Vapor

/// Architectures on both databases: the review cycle with lead approval, drafts only change, nodes must be
/// elements, and the generated view (snapshot; no overlaps at 50 nodes).
@Suite struct ArchitectureTests {
    @Test(arguments: TestDatabase.all)
    func anArchitectureGoesThroughReviewAndALeadApprovesIt(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            let editor = try f.context(.editor)
            let lead = try f.context(.lead)
            do {
                try await ArchitectureStore.create(editor, draft: .init(title: "Bus", nodes: ["EL-001", "EL-404", "EL-405"]))
                Issue.record("an architecture with unknown elements was stored")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.map(\.reason) == ["no element of this project has the keys EL-404, EL-405"])
            }
            let created = try await ArchitectureStore.create(editor, draft: .init(
                title: "Spacecraft bus", description: "Physical architecture", nodes: ["EL-001", "EL-002", "EL-003", "EL-004", "EL-006", "EL-002"]))
            #expect(created.key == "AR-001")
            let id = try created.requireID()
            var row = try #require(try await ArchitectureQueries.architecture(key: "AR-001", projectID: try f.projectID, on: app.db))
            #expect(row.status == .draft && row.nodeCount == 5)

            try await ArchitectureStore.transition(editor, id: id, expectedVersion: 1, to: .inReview)
            // In review nothing changes; an editor cannot approve; a lead can.
            await #expect(throws: FieldsInvalid.self) {
                try await ArchitectureStore.update(editor, id: id, expectedVersion: 2, draft: .init(title: "X", nodes: ["EL-001"]))
            }
            await #expect(throws: Abort.self) { try await ArchitectureStore.transition(editor, id: id, expectedVersion: 2, to: .approved) }
            try await ArchitectureStore.transition(lead, id: id, expectedVersion: 2, to: .approved)
            row = try #require(try await ArchitectureQueries.architecture(key: "AR-001", projectID: try f.projectID, on: app.db))
            #expect(row.status == .approved && row.approvedVersion == 3 && row.approvedBy == "lena@example.com")
            do {
                try await ArchitectureStore.transition(lead, id: id, expectedVersion: 3, to: .draft)
                Issue.record("an approved architecture went back to draft")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors[0].reason == "AR-001 is approved; it cannot become draft")
            }
            await #expect(throws: FieldsInvalid.self) { try await ArchitectureStore.delete(editor, id: id, expectedVersion: 3) }
            // An element an architecture shows cannot be deleted.
            do {
                try await SystemElementStore.delete(editor, id: f.elements["GND"]!, expectedVersion: 1)
                Issue.record("an element in an architecture was deleted")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors[0].reason.contains("1 architecture node"))
            }
            try await ArchitectureStore.transition(lead, id: id, expectedVersion: 3, to: .superseded)
            let history = try await ArtifactVersion.query(on: app.db).filter(\.$artifactID == id).sort(\.$version).all()
            #expect(try history.map { try $0.fields()["status"] } == [.string("draft"), .string("in-review"), .string("approved"), .string("superseded")])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theViewIsGeneratedFromTheModel(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await GovernanceFixtures.make(app)
            // SAT with EPS, OBC and COM (PLD left out: its interface rolls up to SAT), and the ground station.
            let created = try await ArchitectureStore.create(try f.context(), draft: .init(
                title: "Spacecraft and ground", nodes: ["EL-001", "EL-002", "EL-003", "EL-004", "EL-006"]))
            let row = try #require(try await ArchitectureQueries.architecture(key: created.key, projectID: try f.projectID, on: app.db))
            let diagram = try await ArchitectureDiagram.load(row, project: "SAT", projectID: try f.projectID, on: app.db)
            #expect(diagram.keys == ["EL-001", "EL-002", "EL-003", "EL-004", "EL-006"])
            // EPS→OBC twice (bus power, battery telemetry) is one line with a count; OBC→COM; COM→GND; OBC→PLD rolls up to SAT.
            #expect(diagram.svg.connections.map(\.label) == ["2: IF-001 Bus power, IF-003 Battery telemetry", "IF-002 Housekeeping",
                                                               "IF-004 Downlink", "IF-005 Science data"])
            #expect(diagram.svg.connections.map { "\($0.from)>\($0.to)" } == ["1>2", "2>3", "3>4", "2>0"])
            try Snapshot.check(diagram.svg.render(), named: "architecture-record-sat.svg")

            let http = TestBrowser(app)
            try await http.signIn("vic@example.com")
            let page = try await http.get("/projects/SAT/architectures/AR-001")
            #expect(page.status == .ok && page.text.contains("<svg") && page.text.contains("EL-004 COM"))
            #expect(!page.text.contains("Submit for review"))  // viewers see no review buttons
            let drawio = try await http.get("/projects/SAT/architectures/AR-001/view.drawio")
            #expect(drawio.text.contains(#"id="EL-006""#))
        }
    }

    @Test func fiftyNodesOfAnArchitectureNeverOverlap() {
        // A generated tree of 60 elements, 50 of them chosen, every pair of neighbours joined by an interface.
        var tree: [SystemElementQueries.Row] = []
        var state: UInt64 = 7
        for index in 0..<60 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let parent = index == 0 ? nil : tree[Int(state >> 33) % index].id
            tree.append(.init(id: UUID(), key: "EL-\(index)", title: "Element number \(index) with a long name", version: 1,
                              parentID: parent, level: "component", status: .active, description: "", ownerCode: ""))
        }
        let nodes = Set(tree.prefix(50).map(\.id))
        let connections = (1..<60).map { ArchitectureConnections.Connection(from: tree[$0 - 1].id, to: tree[$0].id, label: "IF-\($0)") }
        let diagram = ArchitectureDiagram.make(title: "Fifty", tree: tree, nodes: nodes, connections: connections, project: "P")
        let boxes = diagram.svg.layout.boxes
        #expect(boxes.count == 50)
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let (a, b) = (boxes[i], boxes[j])
                #expect(!(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height), "boxes \(i) and \(j) overlap")
            }
        }
        #expect(!diagram.svg.connections.isEmpty && diagram.svg.connections.allSatisfy { $0.from != $0.to })
    }
}
