import Fluent
import Foundation

/// Per-project requirement settings: the list of requirement types, the quality rules switched off and the
/// coverage definitions.
public final class RequirementSettings: Model, @unchecked Sendable {
    public static let schema = "requirement_settings"

    public static let defaultTypes = ["functional", "performance", "interface", "safety", "security", "constraint"]

    @ID(custom: "project_id", generatedBy: .user) public var id: UUID?
    /// One type per line.
    @Field(key: "types") public var types: String
    /// Disabled quality rule ids, one per line.
    @Field(key: "disabled_rules") public var disabledRules: String
    /// Coverage definitions in their text form (`CoverageDefinitions`); empty means the defaults.
    @Field(key: "coverage") public var coverage: String

    public init() {}

    public var typeList: [String] { types.split(separator: "\n").map(String.init) }
    public var disabledRuleSet: Set<String> { Set(disabledRules.split(separator: "\n").map(String.init)) }
    /// The saved definitions, or the defaults. Saved text was validated on the way in; a line that no longer
    /// parses (a kind a removed module registered) is skipped rather than failing every page.
    public var coverageQuestions: [TraceQueries.CoverageQuestion] {
        coverage.isEmpty ? TraceQueries.defaultQuestions : CoverageDefinitions.parseLenient(coverage)
    }

    /// The project's settings, or the defaults when none were saved.
    public static func of(_ projectID: UUID, on database: any Database) async throws -> RequirementSettings {
        if let saved = try await RequirementSettings.find(projectID, on: database) { return saved }
        let defaults = RequirementSettings()
        defaults.id = projectID
        defaults.types = defaultTypes.joined(separator: "\n")
        defaults.disabledRules = ""
        defaults.coverage = ""
        return defaults
    }
}
