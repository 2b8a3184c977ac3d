import Fluent
import Foundation

/// Per-project interface settings: the interface types offered.
public final class InterfaceSettings: Model, @unchecked Sendable {
    public static let schema = "interface_settings"

    public static let defaultTypes = ["data", "signal", "power", "mechanical", "fluid", "thermal"]

    @ID(custom: "project_id", generatedBy: .user) public var id: UUID?
    /// One type per line.
    @Field(key: "types") public var types: String

    public init() {}

    public var typeList: [String] { types.split(separator: "\n").map(String.init) }

    /// The project's settings, or the defaults when none were saved.
    public static func of(_ projectID: UUID, on database: any Database) async throws -> InterfaceSettings {
        if let saved = try await InterfaceSettings.find(projectID, on: database) { return saved }
        let defaults = InterfaceSettings()
        defaults.id = projectID
        defaults.types = defaultTypes.joined(separator: "\n")
        return defaults
    }
}
