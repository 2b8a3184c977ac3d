import Fluent
import Foundation

/// One version of an artifact: the whole snapshot as canonical JSON, its hashes, who changed it and in which
/// project revision. Never updated or deleted; the history tab and baselines read these rows.
public final class ArtifactVersion: Model, @unchecked Sendable {
    public static let schema = "artifact_versions"

    public enum Change: String, Codable, Sendable { case created, updated, deleted }

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "artifact_id") public var artifactID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "revision") public var revision: Int64
    @Field(key: "change") public var change: Change
    @Field(key: "title") public var title: String
    @Field(key: "content") public var content: String
    @Field(key: "content_hash") public var contentHash: String
    @Field(key: "trigger_hash") public var triggerHash: String
    @Field(key: "changed_at") public var changedAt: Date
    @OptionalField(key: "changed_by") public var changedBy: UUID?
    @Field(key: "changed_by_label") public var changedByLabel: String

    public init() {}

    public func fields() throws -> ArtifactFields { try ArtifactFields.decode(canonicalJSON: content) }
}
