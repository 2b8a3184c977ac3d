import Fluent
import Foundation

/// An architecture: a named selection of system elements (its nodes) whose view is generated from the model, with
/// a life cycle — draft, in review, approved (by a lead), superseded. The columns lists read without opening the
/// artifact's version row; written only by `ArchitectureStore`, in the version's transaction.
public final class Architecture: Model, @unchecked Sendable {
    public static let schema = "architectures"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case draft
        case inReview = "in-review"
        case approved, superseded
    }

    /// The artifact's id.
    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Enum(key: "status") public var status: Status
    @Field(key: "description") public var description: String
    /// Who approved which version when (empty until approved).
    @Field(key: "approved_by") public var approvedBy: String
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    @OptionalField(key: "approved_version") public var approvedVersion: Int?

    public init() {}
}

/// One node of an architecture: a system element.
public final class ArchitectureNode: Model, @unchecked Sendable {
    public static let schema = "architecture_nodes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "architecture_id") public var architectureID: UUID
    @Field(key: "element_id") public var elementID: UUID

    public init() {}
}
