import Artifacts
import Foundation
import Platform
import Vapor

/// Coverage over the cached trace graph and the project's coverage definitions.
extension RequirementsAPIController {
    /// A module's requirements against the definitions whose source kind is `requirement`.
    @Sendable static func coverage(_ request: Request) async throws -> [RequirementDTOs.CoverageDTO] {
        let access = try request.requireProject()
        let (module, settings) = try await findModule(request)
        let rows = try await RequirementQueries.document(module: module, disabledRules: settings.disabledRuleSet, on: request.db)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        let requirements = rows.filter { $0.type == .requirement }
        let keys = Dictionary(uniqueKeysWithValues: requirements.map { ($0.id, $0.key) })
        let questions = settings.coverageQuestions.filter { $0.sourceKind == RequirementKinds.requirement.id }
        return TraceQueries.coverage(graph: graph, sourceIDs: requirements.map(\.id), questions: questions).map {
            .init(name: $0.question.id, total: $0.total, covered: $0.covered, share: $0.share,
                  uncovered: $0.uncoveredIDs.compactMap { keys[$0] })
        }
    }

    /// Every definition over the whole project.
    @Sendable static func projectCoverage(_ request: Request) async throws -> [CoverageDTOs.ProjectCoverageDTO] {
        let access = try request.requireProject()
        let settings = try await RequirementSettings.of(access.projectID, on: request.db)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        return TraceQueries.projectCoverage(graph: graph, questions: settings.coverageQuestions).map {
            .init(definition: .init($0.question), total: $0.total, covered: $0.covered, share: $0.share)
        }
    }

    @Sendable static func coverageDefinitions(_ request: Request) async throws -> [CoverageDTOs.DefinitionDTO] {
        let access = try request.requireProject()
        return try await RequirementSettings.of(access.projectID, on: request.db).coverageQuestions.map(CoverageDTOs.DefinitionDTO.init)
    }

    /// Replaces the list (leads); every problem comes back at once, naming `definitions[i]`.
    @Sendable static func saveCoverageDefinitions(_ request: Request) async throws -> [CoverageDTOs.DefinitionDTO] {
        let access = try request.requireProject()
        let input = try request.content.decode(CoverageDTOs.DefinitionsInput.self)
        let settings = try await RequirementSettings.of(access.projectID, on: request.db)
        try await RequirementStore.saveSettings(
            try RequirementContext(request), types: settings.typeList, disabledRules: settings.disabledRuleSet,
            coverage: input.definitions.enumerated().map { ("definitions[\($0.offset)]", $0.element.parts) })
        return try await RequirementSettings.of(access.projectID, on: request.db).coverageQuestions.map(CoverageDTOs.DefinitionDTO.init)
    }
}
