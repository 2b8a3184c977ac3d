import Fluent
import Foundation

/// A named, expiring token for CI and scripts, bound to one project and a role no higher than its owner's.
/// Shown once; stored as its SHA-256. Its effective role is recomputed on every request (never more than the
/// owner's current role), so demoting or removing the owner weakens the token at once.
public final class PersonalAccessToken: Model, @unchecked Sendable {
    public static let schema = "personal_access_tokens"
    /// Tokens start with this, so secret scanners and people can tell what they are.
    public static let prefix = "sesa_pat_"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Parent(key: "user_id") public var user: User
    @Parent(key: "project_id") public var project: Project
    @Field(key: "name") public var name: String
    @Field(key: "role") public var role: ProjectRole
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "hint") public var hint: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?

    public init() {}
}
