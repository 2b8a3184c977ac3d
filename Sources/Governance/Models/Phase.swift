import Fluent
import Foundation

/// A phase of the project's life cycle (concept, preliminary design, …): ordered, with planned dates, the
/// criteria its gate must meet, and whether it is planned, active or closed.
public final class Phase: Model, @unchecked Sendable {
    public static let schema = "project_phases"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case planned, active, closed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// 1, 2, 3 … without gaps, in the project's order.
    @Field(key: "position") public var position: Int
    @Field(key: "name") public var name: String
    /// ISO dates (yyyy-mm-dd) or empty: a phase may be planned before it is scheduled.
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    @Field(key: "gate_criteria") public var gateCriteria: String
    @Enum(key: "status") public var status: Status

    public init() {}
}
