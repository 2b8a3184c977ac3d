import Fluent
import Foundation

/// A project's own choice of trigger fields for one artifact kind, replacing the kind's default. No row: the
/// default applies.
public final class TriggerFieldSetting: Model, @unchecked Sendable {
    public static let schema = "artifact_trigger_fields"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "kind") public var kind: String
    /// One field name per line.
    @Field(key: "fields") public var fields: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var fieldList: [String] { fields.split(separator: "\n").map(String.init) }
}
