import Artifacts
import Fluent
import Foundation
import Platform
import SesaTesting
import SystemDesign
import Testing
import Vapor

/// People, a project and helpers shared by the system design suites: Lena leads UAV, Ed edits, Vic views.
struct DesignFixtures {
    let app: Application
    let uav: Project
    let lena: User
    let ed: User
    let vic: User

    static func make(_ app: Application) async throws -> DesignFixtures {
        let team = try await app.makeTeam(project: "UAV")
        return DesignFixtures(app: app, uav: team.project, lena: team.lena, ed: team.ed, vic: team.vic)
    }

    func context(_ role: ProjectRole, as user: User? = nil) throws -> ArtifactContext {
        ArtifactContext(database: app.db, projectID: try uav.requireID(), role: role, registry: app.artifactRegistry,
                        actor: AuditActor(userID: user?.id, label: user?.email ?? "\(role.rawValue)@example.com"),
                        now: app.clock.now())
    }

    var editor: ArtifactContext { get throws { try context(.editor, as: ed) } }
    var lead: ArtifactContext { get throws { try context(.lead, as: lena) } }

    @discardableResult
    func element(_ title: String, _ level: String, under parent: Artifact? = nil) async throws -> Artifact {
        try await SystemElementStore.create(editor, draft: ElementDraft(title: title, level: level), parentID: parent?.id)
    }

    func row(_ key: String) async throws -> SystemElementQueries.Row {
        try #require(try await SystemElementQueries.element(key: key, projectID: try uav.requireID(), on: app.db))
    }

    func tree() async throws -> [String] {
        try await SystemElementQueries.tree(projectID: try uav.requireID(), on: app.db).map {
            String(repeating: "  ", count: $0.depth) + $0.element.key
        }
    }
}
