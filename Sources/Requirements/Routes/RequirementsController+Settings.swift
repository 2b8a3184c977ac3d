import Artifacts
import Fluent
import Foundation
import Platform
import TraceEngine
import Vapor

/// The project's requirement settings page (leads): types, quality rules, coverage definitions, triggers.
extension RequirementsController {
    @Sendable static func settings(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let settings = try await RequirementSettings.of(access.projectID, on: request.db)
        return try await renderSettings(request, types: settings.typeList, disabled: settings.disabledRuleSet,
                                        coverage: CoverageDefinitions.format(settings.coverageQuestions))
    }

    @Sendable static func saveSettings(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = FormPairs(request)
        let types = (form["types"] ?? "").components(separatedBy: .newlines)
        let enabled = Set(form.names(prefixed: "rule_"))
        let disabled = Set(QualityChecker.rules.map(\.id)).subtracting(enabled)
        let coverage = form["coverage"] ?? ""
        do {
            try await RequirementStore.saveSettings(try RequirementContext(request), types: types, disabledRules: disabled,
                                                    coverage: CoverageDefinitions.entries(coverage))
            request.flash(.success, "Requirement settings saved.")
            return request.redirect(to: RequirementRoute.settings(project: access.key).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderSettings(request, types: types, disabled: disabled, coverage: coverage, errors: error.errors)
        }
    }

    /// The trigger check boxes are named `trigger:<kind>:<field>`; a kind without any ticked is refused.
    @Sendable static func saveTriggers(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let ticked = FormPairs(request).names(prefixed: "trigger:")
        var chosen: [String: [String]] = [RequirementKinds.requirement.id: [], RequirementKinds.section.id: []]
        for name in ticked {
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, chosen[parts[0]] != nil else { continue }
            chosen[parts[0], default: []].append(parts[1])
        }
        do {
            try await RequirementStore.setTriggerFields(try RequirementContext(request), chosen)
            request.flash(.success, "Suspect link triggers saved.")
            return request.redirect(to: RequirementRoute.settings(project: access.key).path + "#triggers", redirectType: .normal)
        } catch let error as ErrorWithFieldErrors {
            let settings = try await RequirementSettings.of(access.projectID, on: request.db)
            return try await renderSettings(request, types: settings.typeList, disabled: settings.disabledRuleSet,
                                            coverage: CoverageDefinitions.format(settings.coverageQuestions),
                                            errors: error.fieldErrors.map { .init(field: "triggers", reason: $0.reason) })
        }
    }

    static func renderSettings(_ request: Request, types: [String], disabled: Set<String>, coverage: String,
                               errors: [ProblemDetails.FieldError] = []) async throws -> Response
    {
        let access = try request.requireProject()
        let triggers = try await TriggerFieldQueries.fields(projectID: access.projectID, registry: request.artifactRegistry, on: request.db)
        let attributes = try await AttributeDefinition.query(on: request.db).filter(\.$projectID == access.projectID).all()
        return request.render(RequirementSettingsPage(
            access: access, types: types, disabled: disabled, coverage: coverage, registry: request.artifactRegistry,
            csrfToken: request.csrfToken, triggers: triggers, attributeNames: Array(Set(attributes.map(\.name))).sorted(),
            errors: errors), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
