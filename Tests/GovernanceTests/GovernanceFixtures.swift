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

/// A small satellite programme: two phases, three delivery organisations (the integrator PRIME, suppliers ACME
/// and BOLT), a system of four subsystems and a ground station, and five interfaces.
struct GovernanceFixtures {
    let app: Application
    let team: TestTeam
    /// Element ids and keys by short name: SAT, EPS, OBC, COM, PLD, GND.
    let elements: [String: UUID]
    let keys: [String: String]
    /// Interface ids by title.
    let interfaces: [String: UUID]

    var projectID: UUID { get throws { try team.project.requireID() } }

    func context(_ role: ProjectRole = .editor) throws -> ArtifactContext {
        let user = role == .lead ? team.lena : role == .editor ? team.ed : team.vic
        return ArtifactContext(database: app.db, projectID: try team.project.requireID(), role: role, registry: app.artifactRegistry,
                               actor: AuditActor(userID: user.id, label: user.email), now: app.clock.now())
    }

    static func make(_ app: Application) async throws -> GovernanceFixtures {
        let team = try await app.makeTeam(project: "SAT")
        func context(_ role: ProjectRole) throws -> ArtifactContext {
            ArtifactContext(database: app.db, projectID: try team.project.requireID(), role: role, registry: app.artifactRegistry,
                            actor: AuditActor(userID: team.lena.id, label: team.lena.email), now: app.clock.now())
        }
        let lead = try context(.lead)
        try await GovernanceStore.createPhase(lead, PhaseDraft(name: "Preliminary design", startsOn: "2027-01-04", endsOn: "2027-06-30",
                                                               gateCriteria: "PDR passed", status: .active))
        try await GovernanceStore.createPhase(lead, PhaseDraft(name: "Detailed design", startsOn: "2027-07-01", endsOn: "2028-03-31"))
        try await GovernanceStore.createOrganisation(lead, OrganisationDraft(code: "PRIME", name: "Prime Integrator", kind: .integrator))
        try await GovernanceStore.createOrganisation(lead, OrganisationDraft(code: "ACME", name: "ACME Power", kind: .supplier))
        try await GovernanceStore.createOrganisation(lead, OrganisationDraft(code: "BOLT", name: "Bolt Radio", kind: .supplier))

        var ids: [String: UUID] = [:]
        var keys: [String: String] = [:]
        func element(_ name: String, _ level: String, owner: String, under parent: String? = nil) async throws {
            let artifact = try await SystemElementStore.create(lead, draft: ElementDraft(title: name, level: level, owner: owner),
                                                               parentID: parent.flatMap { ids[$0] })
            ids[name] = try artifact.requireID()
            keys[name] = artifact.key
        }
        try await element("SAT", "system", owner: "PRIME")
        try await element("EPS", "subsystem", owner: "ACME", under: "SAT")
        try await element("OBC", "subsystem", owner: "PRIME", under: "SAT")
        try await element("COM", "subsystem", owner: "BOLT", under: "SAT")
        try await element("PLD", "subsystem", owner: "", under: "SAT")
        try await element("GND", "external", owner: "")
        var interfaces: [String: UUID] = [:]
        let plan: [(String, String, String, String, String)] = [
            // title, side A, side B, type, side B organisation given on the interface
            ("Bus power", "EPS", "OBC", "power", ""),       // ACME → PRIME: crosses organisations
            ("Housekeeping", "OBC", "COM", "data", ""),     // PRIME → BOLT: crosses
            ("Battery telemetry", "EPS", "OBC", "data", ""), // ACME → PRIME: crosses
            ("Downlink", "COM", "GND", "data", "PRIME"),    // BOLT → PRIME (given): crosses
            ("Science data", "OBC", "PLD", "data", ""),     // PRIME → PLD, unowned, so its parent SAT's PRIME: inside PRIME
        ]
        for (title, a, b, type, sideBOrg) in plan {
            var draft = InterfaceDraft(title: title, sideA: ids[a], sideB: ids[b], type: type)
            draft.sideBOrg = sideBOrg
            interfaces[title] = try await InterfaceStore.create(lead, draft: draft).requireID()
        }
        return GovernanceFixtures(app: app, team: team, elements: ids, keys: keys, interfaces: interfaces)
    }
}
