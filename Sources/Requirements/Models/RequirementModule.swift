import Fluent
import Foundation

/// A requirement module: one document (e.g. "System requirements", prefix `SYS`) holding an ordered tree of
/// sections and requirements, with its own custom attributes.
public final class RequirementModule: Model, @unchecked Sendable {
    public static let schema = "requirement_modules"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "name") public var name: String
    /// Key prefix of the module's artifacts: requirements are `<prefix>-REQ-###`, sections `<prefix>-SEC-###`.
    @Field(key: "prefix") public var prefix: String
    @Field(key: "description") public var description: String
    /// Requirements here are expected to derive from a parent (gap analysis flags those without one).
    @Field(key: "parent_expected") public var parentExpected: Bool
    @Field(key: "position") public var position: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "deleted_at") public var deletedAt: Date?

    public init() {}
}
