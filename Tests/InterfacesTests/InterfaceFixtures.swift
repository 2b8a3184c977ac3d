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

/// A hand-built UAV: six subsystems (two with an assembly below), a system above them and a ground station
/// outside, joined by eight interfaces of every direction — the system whose N² matrix is computed by hand.
struct InterfaceFixtures {
    let app: Application
    let team: TestTeam
    /// Element ids by short name: SYS, PWR, AVI, PAY, PRP, COM, STR, BAT, FCC, GCS.
    let elements: [String: UUID]
    /// Element keys by short name.
    let keys: [String: String]

    var projectID: UUID { get throws { try team.project.requireID() } }

    func context(_ role: ProjectRole = .editor) throws -> ArtifactContext {
        let user = role == .lead ? team.lena : role == .editor ? team.ed : team.vic
        return ArtifactContext(database: app.db, projectID: try team.project.requireID(), role: role, registry: app.artifactRegistry,
                               actor: AuditActor(userID: user.id, label: user.email), now: app.clock.now())
    }

    static func make(_ app: Application, interfaces: Bool = true) async throws -> InterfaceFixtures {
        let team = try await app.makeTeam(project: "UAV")
        let editor = ArtifactContext(database: app.db, projectID: try team.project.requireID(), role: .editor,
                                     registry: app.artifactRegistry, actor: AuditActor(userID: team.ed.id, label: team.ed.email),
                                     now: app.clock.now())
        var ids: [String: UUID] = [:]
        var keys: [String: String] = [:]
        func element(_ name: String, _ level: String, under parent: String? = nil) async throws {
            let artifact = try await SystemElementStore.create(editor, draft: ElementDraft(title: name, level: level),
                                                               parentID: parent.flatMap { ids[$0] })
            ids[name] = try artifact.requireID()
            keys[name] = artifact.key
        }
        try await element("SYS", "system")
        for name in ["PWR", "AVI", "PAY", "PRP", "COM", "STR"] { try await element(name, "subsystem", under: "SYS") }
        try await element("BAT", "assembly", under: "PWR")
        try await element("FCC", "assembly", under: "AVI")
        try await element("GCS", "external")
        let fixtures = InterfaceFixtures(app: app, team: team, elements: ids, keys: keys)
        guard interfaces else { return fixtures }
        let plan: [(String, String, String, String, N2Matrix.Direction, SystemInterface.Status)] = [
            ("Main power", "BAT", "FCC", "power", .aToB, .agreed),            // IF-001: PWR → AVI (rolled up)
            ("Motor commands", "FCC", "PRP", "signal", .aToB, .agreed),       // IF-002: AVI → PRP
            ("Payload data", "PAY", "AVI", "data", .bidirectional, .controlled), // IF-003: PAY ↔ AVI
            ("Payload mount", "STR", "PAY", "mechanical", .undirected, .agreed), // IF-004: STR — PAY
            ("Telemetry", "COM", "AVI", "data", .bToA, .proposed),            // IF-005: AVI → COM
            ("Cell balancing", "PWR", "BAT", "power", .aToB, .agreed),        // IF-006: inside PWR
            ("Radio link", "COM", "GCS", "data", .bidirectional, .agreed),    // IF-007: GCS is not a subsystem
            ("Payload power (old)", "PWR", "PAY", "power", .aToB, .retired),  // IF-008: retired
        ]
        for (title, a, b, type, direction, status) in plan {
            try await InterfaceStore.create(editor, draft: InterfaceDraft(title: title, sideA: ids[a], sideB: ids[b], type: type,
                                                                          direction: direction, status: status))
        }
        return fixtures
    }

    func view(level: String = "subsystem", filter: InterfaceQueries.Filter = .init()) async throws -> N2View {
        let tree = try await SystemElementQueries.tree(projectID: try projectID, on: app.db).map(\.element)
        let interfaces = try await InterfaceQueries.all(projectID: try projectID, on: app.db)
        return N2View(elements: tree, interfaces: interfaces, level: level, filter: filter)
    }
}

extension N2View {
    /// Every non-empty cell as "ROW>COLUMN: IF-001 IF-002*" (`*` marks an undirected entry), by element title.
    var cellText: [String] {
        var lines: [String] = []
        for row in matrix.rows.indices {
            for column in matrix.rows.indices {
                let entries = matrix.cell(row, column)
                guard !entries.isEmpty else { continue }
                lines.append("\(element(row: row).title)>\(element(row: column).title): "
                             + entries.map { interfaces[$0.interface].key + ($0.directed ? "" : "*") }.joined(separator: " "))
            }
        }
        return lines
    }
}
