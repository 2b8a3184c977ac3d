import Fluent
import Foundation

/// Who approved which version of a requirement, when, and the content hash they approved — so a later
/// question "what exactly was approved?" has an answer that cannot be edited away.
public final class RequirementApproval: Model, @unchecked Sendable {
    public static let schema = "requirement_approvals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "artifact_id") public var artifactID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "content_hash") public var contentHash: String
    @OptionalField(key: "approved_by") public var approvedBy: UUID?
    @Field(key: "approved_by_label") public var approvedByLabel: String
    @Field(key: "approved_at") public var approvedAt: Date

    public init() {}
}
