import Fluent
import Foundation

/// An interface between two system elements, plus the columns the lists, the N² matrix and the filters read
/// without opening the artifact's version row. Written only by `InterfaceStore`, in the same transaction as the
/// artifact version it mirrors.
public final class SystemInterface: Model, @unchecked Sendable {
    public static let schema = "interfaces"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case proposed, agreed, controlled, retired
    }

    /// The artifact's id.
    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// The elements at its two ends (artifact ids of system elements).
    @Field(key: "side_a_id") public var sideAID: UUID
    @Field(key: "side_b_id") public var sideBID: UUID
    /// One of the project's interface types (`InterfaceSettings.types`), e.g. `data`.
    @Field(key: "interface_type") public var type: String
    /// `N2Matrix.Direction` raw value: a-to-b, b-to-a, bidirectional, undirected.
    @Field(key: "direction") public var direction: String
    @Field(key: "medium") public var medium: String
    @Enum(key: "status") public var status: Status
    @Field(key: "description") public var description: String
    /// The delivery organisation that owns the interface (controls its ICD), if any.
    @OptionalField(key: "owner_org_id") public var ownerOrgID: UUID?
    /// The project's own interface identifier (e.g. `ICD-AV-042`), unique in the project; nil when none.
    @OptionalField(key: "project_interface_id") public var projectInterfaceID: String?
    /// The organisations responsible for each side; nil means the end element's owner.
    @OptionalField(key: "side_a_org_id") public var sideAOrgID: UUID?
    @OptionalField(key: "side_b_org_id") public var sideBOrgID: UUID?
    /// Key and title in lower case, for search.
    @Field(key: "search_text") public var searchText: String

    public init() {}
}
