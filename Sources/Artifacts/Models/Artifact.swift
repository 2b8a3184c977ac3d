import Fluent
import Foundation

/// The identity row every artifact has, whatever its kind: UUID, project-scoped key, version, and the hashes
/// of its current snapshot. Domain tables use the same id as their primary key.
public final class Artifact: Model, @unchecked Sendable {
    public static let schema = "artifacts"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "updated_by") public var updatedBy: UUID?
    @OptionalField(key: "deleted_at") public var deletedAt: Date?

    // data fields
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "key") public var key: String
    @Field(key: "title") public var title: String
    @Field(key: "content_hash") public var contentHash: String
    @Field(key: "trigger_hash") public var triggerHash: String
    /// The project revision in which the trigger fields last changed (created, or an update that changed them).
    @Field(key: "trigger_revision") public var triggerRevision: Int64

    public init() {}
}
