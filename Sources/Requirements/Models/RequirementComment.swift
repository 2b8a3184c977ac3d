import Fluent
import Foundation

/// A comment on a requirement. The first comment of a thread has no `thread_id`; replies carry it. Threads are
/// resolved and reopened as a whole (on the first comment).
public final class RequirementComment: Model, @unchecked Sendable {
    public static let schema = "requirement_comments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "artifact_id") public var artifactID: UUID
    @OptionalField(key: "thread_id") public var threadID: UUID?
    @Field(key: "body") public var body: String
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author_label") public var authorLabel: String
    @Field(key: "created_at") public var createdAt: Date
    /// The version of the requirement the comment was written against.
    @Field(key: "artifact_version") public var artifactVersion: Int
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "resolved_by_label") public var resolvedByLabel: String?

    public init() {}
}
