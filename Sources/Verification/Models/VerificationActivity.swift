import Fluent
import Foundation

/// One planned activity of a verification plan (a test campaign, an analysis, a review), in order.
public final class VerificationActivity: Model, @unchecked Sendable {
    public static let schema = "verification_activities"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case planned
        case inProgress = "in-progress"
        case done
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    @Field(key: "method") public var method: String
    @Field(key: "responsible") public var responsible: String
    /// yyyy-mm-dd or empty.
    @Field(key: "due_on") public var dueOn: String
    @Enum(key: "status") public var status: Status

    public init() {}
}
