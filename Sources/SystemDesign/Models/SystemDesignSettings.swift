import Fluent
import Foundation

/// Per-project system design settings: the levels of the element tree, top to bottom.
public final class SystemDesignSettings: Model, @unchecked Sendable {
    public static let schema = "system_design_settings"

    /// Levels every project starts with; `external` is for elements outside the system of interest (a ground
    /// station, the operator), which interfaces still reach.
    public static let defaultLevels = ["system", "subsystem", "assembly", "component", "external"]

    @ID(custom: "project_id", generatedBy: .user) public var id: UUID?
    /// One level per line, top to bottom.
    @Field(key: "levels") public var levels: String

    public init() {}

    public var levelList: [String] { levels.split(separator: "\n").map(String.init) }

    /// The project's settings, or the defaults when none were saved.
    public static func of(_ projectID: UUID, on database: any Database) async throws -> SystemDesignSettings {
        if let saved = try await SystemDesignSettings.find(projectID, on: database) { return saved }
        let defaults = SystemDesignSettings()
        defaults.id = projectID
        defaults.levels = defaultLevels.joined(separator: "\n")
        return defaults
    }
}
