import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting
@testable import Verification

/// Lena leads ATC, Ed edits, Vic views, Otto is in no project; ATC has a SYS module with three requirements.
struct VerificationFixtures {
    let app: Application
    let team: TestTeam
    let module: RequirementModule
    /// SYS-REQ-001 … 003.
    let requirements: [Artifact]

    static func make(_ app: Application) async throws -> VerificationFixtures {
        let team = try await app.makeTeam(project: "ATC")
        let editor = Self.context(app, team, .editor)
        let module = try await RequirementStore.createModule(editor, name: "System requirements", prefix: "SYS", description: "", parentExpected: false)
        var requirements: [Artifact] = []
        for (title, statement) in [("Detect", "The radar shall detect targets at 200 km."), ("Track", "The system shall track 500 targets."),
                                   ("Alert", "The system shall alert within 2 s.")] {
            requirements.append(try await RequirementStore.createRequirement(editor, moduleID: try module.requireID(),
                                                                             draft: RequirementDraft(title: title, statement: statement)))
        }
        return VerificationFixtures(app: app, team: team, module: module, requirements: requirements)
    }

    static func context(_ app: Application, _ team: TestTeam, _ role: ProjectRole) -> ArtifactContext {
        let user = role == .lead ? team.lena : role == .editor ? team.ed : team.vic
        return ArtifactContext(database: app.db, projectID: team.project.id!, role: role, registry: app.artifactRegistry,
                               actor: AuditActor(userID: user.id, label: user.displayName), now: app.clock.now())
    }

    func context(_ role: ProjectRole = .editor) -> ArtifactContext { Self.context(app, team, role) }
    var projectID: UUID { team.project.id! }

    func key(_ index: Int) -> String { requirements[index].key }

    /// Changes a requirement's statement (a trigger field) through the requirements store.
    func restate(_ index: Int, _ statement: String) async throws {
        let current = try #require(try await Artifact.find(requirements[index].id, on: app.db))
        let fields = try await ArtifactQueries.version(current.id!, current.version, on: app.db).fields()
        var draft = RequirementDraft(fields: fields, attributes: [])
        draft.statement = statement
        try await RequirementStore.updateRequirement(context(), id: current.id!, expectedVersion: current.version, draft: draft)
    }

    func rvtm(_ filter: RVTM.Filter = .init()) async throws -> [String: VerificationStatus.Coverage] {
        Dictionary(uniqueKeysWithValues: try await RVTM.build(projectID: projectID, filter: filter, on: app.db).rows.map { ($0.requirement.key, $0.coverage) })
    }

    /// A personal access token of Ed's for ATC with `role`, made through the account page.
    func token(role: String = "editor", project: String = "ATC", as email: String = "ed@example.com") async throws -> String {
        let browser = TestBrowser(app)
        try await browser.signIn(email)
        _ = try await browser.get("/account")
        let page = try await browser.post("/account/tokens", form: ["name": "CI", "project": project, "role": role, "days": "30"])
        return try #require(page.text.firstMatch(of: /(sesa_pat_[A-Za-z0-9_\-]+)/).map { String($0.1) })
    }
}
