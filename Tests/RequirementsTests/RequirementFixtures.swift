import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// People, a project and helpers shared by the requirements suites: Lena leads ATC, Ed edits, Vic views,
/// Otto is in no project.
struct RequirementFixtures {
    let app: Application
    let atc: Project
    let lena: User
    let ed: User
    let vic: User

    static func make(_ app: Application) async throws -> RequirementFixtures {
        let team = try await app.makeTeam(project: "ATC")
        return RequirementFixtures(app: app, atc: team.project, lena: team.lena, ed: team.ed, vic: team.vic)
    }

    func context(_ role: ProjectRole, as user: User? = nil) throws -> RequirementContext {
        RequirementContext(database: app.db, projectID: try atc.requireID(), role: role, registry: app.artifactRegistry,
                           actor: AuditActor(userID: user?.id, label: user?.email ?? "\(role.rawValue)@example.com"),
                           now: app.clock.now())
    }

    var editor: RequirementContext { get throws { try context(.editor, as: ed) } }
    var lead: RequirementContext { get throws { try context(.lead, as: lena) } }

    func module(_ prefix: String = "SYS", parentExpected: Bool = false) async throws -> RequirementModule {
        try await RequirementStore.createModule(editor, name: "\(prefix) requirements", prefix: prefix, description: "",
                                                parentExpected: parentExpected)
    }

    @discardableResult
    func requirement(_ module: RequirementModule, _ title: String, _ statement: String, parent: UUID? = nil,
                     tags: [String] = []) async throws -> Artifact
    {
        try await RequirementStore.createRequirement(
            editor, moduleID: try module.requireID(),
            draft: RequirementDraft(title: title, statement: statement, tags: tags), parentID: parent)
    }

    func fields(_ artifact: Artifact) async throws -> ArtifactFields {
        let current = try #require(try await Artifact.find(artifact.id, on: app.db))
        return try await ArtifactQueries.version(try current.requireID(), current.version, on: app.db).fields()
    }

    func reload(_ artifact: Artifact) async throws -> Artifact {
        try #require(try await Artifact.find(artifact.id, on: app.db))
    }

    func token(_ email: String) async throws -> HTTPHeaders { try await app.bearerHeaders(email) }

    func auditActions(_ action: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).all()
    }
}
