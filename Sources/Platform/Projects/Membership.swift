import Fluent
import Foundation

/// A user's role in one project. One row per (project, user).
public final class Membership: Model, @unchecked Sendable {
    public static let schema = "memberships"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Parent(key: "project_id") public var project: Project
    @Parent(key: "user_id") public var user: User
    @Field(key: "role") public var role: ProjectRole

    public init() {}

    public init(projectID: UUID, userID: UUID, role: ProjectRole) {
        self.$project.id = projectID
        self.$user.id = userID
        self.role = role
    }
}
