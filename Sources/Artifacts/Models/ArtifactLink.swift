import Fluent
import Foundation

/// A typed link from one artifact to another in the same project. It remembers the trigger hashes of both
/// ends when it was made or last reviewed; when either end's trigger fields change it turns suspect.
public final class ArtifactLink: Model, @unchecked Sendable {
    public static let schema = "artifact_links"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "created_by") public var createdBy: UUID?

    // data fields
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "source_id") public var sourceID: UUID
    @Field(key: "target_id") public var targetID: UUID
    @Field(key: "source_hash_at_review") public var sourceHashAtReview: String
    @Field(key: "target_hash_at_review") public var targetHashAtReview: String
    @Field(key: "suspect") public var suspect: Bool
    @OptionalField(key: "cleared_at") public var clearedAt: Date?
    @OptionalField(key: "cleared_by") public var clearedBy: UUID?
    @OptionalField(key: "cleared_reason") public var clearedReason: String?

    public init() {}
}
