import Artifacts
import Fluent
import Foundation
import Platform
import TraceEngine
import Vapor

/// Everything the requirement page and API show about one section or requirement.
struct RequirementDetail: Sendable {
    let artifact: Artifact
    let item: DocumentItem
    let module: RequirementModule
    let fields: ArtifactFields
    let attributes: [AttributeDefinition]
    let findings: [QualityFinding]
    let links: (outgoing: [ArtifactQueries.LinkRow], incoming: [ArtifactQueries.LinkRow])
    let suspectLinks: [RequirementQueries.SuspectLink]
    let settings: RequirementSettings

    static func load(_ id: UUID, _ request: Request) async throws -> RequirementDetail {
        let access = try request.requireProject()
        let db = request.db
        guard let artifact = try await Artifact.query(on: db).filter(\.$id == id).filter(\.$projectID == access.projectID).first(),
            let item = try await DocumentItem.find(id, on: db),
            let module = try await RequirementModule.find(item.moduleID, on: db)
        else { throw Abort(.notFound, reason: "There is no such requirement in \(access.key).") }
        let fields = try await ArtifactQueries.version(id, artifact.version, on: db).fields()
        let settings = try await RequirementSettings.of(access.projectID, on: db)
        let statement: String = { if case .string(let text) = fields["statement"] { text } else { "" } }()
        let findings = item.itemType == .requirement ? QualityChecker(disabled: settings.disabledRuleSet).check(statement) : []
        return RequirementDetail(
            artifact: artifact, item: item, module: module, fields: fields,
            attributes: try await RequirementStore.attributes(of: item.moduleID, on: db), findings: findings,
            links: try await ArtifactQueries.links(of: artifact, on: db),
            suspectLinks: try await RequirementQueries.suspectLinks(projectID: access.projectID, at: id, on: db),
            settings: settings)
    }
}
