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
    /// Key and title in lower case, for search.
    @Field(key: "search_text") public var searchText: String

    public init() {}
}
