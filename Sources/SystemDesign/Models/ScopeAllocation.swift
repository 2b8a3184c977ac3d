import Fluent
import Foundation

/// Scope allocated to a delivery organisation: this element, delivered by that organisation, in that phase
/// (any phase when none), proposed until both sides agree.
public final class ScopeAllocation: Model, @unchecked Sendable {
    public static let schema = "scope_allocations"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case proposed, agreed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "element_id") public var elementID: UUID
    @Field(key: "org_id") public var orgID: UUID
    @OptionalField(key: "phase_id") public var phaseID: UUID?
    @Enum(key: "status") public var status: Status

    public init() {}
}
