import Fluent
import Foundation

/// A system element's place in the project's decomposition tree, plus the columns the tree, the picker and the
/// filters read without opening the artifact's version row. Written only by `SystemElementStore`, in the same
/// transaction as the artifact version it mirrors.
public final class SystemElement: Model, @unchecked Sendable {
    public static let schema = "system_elements"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case proposed, active, retired
    }

    /// The artifact's id.
    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// The parent element; nil at the top of the tree.
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// One of the project's levels (`SystemDesignSettings.levels`), e.g. `subsystem`.
    @Field(key: "level") public var level: String
    @Enum(key: "status") public var status: Status
    @Field(key: "description") public var description: String
    /// The delivery organisation that owns the element, if any.
    @OptionalField(key: "owner_org_id") public var ownerOrgID: UUID?
    /// Key and title in lower case, for the picker.
    @Field(key: "search_text") public var searchText: String

    public init() {}
}
