import Fluent
import Foundation

/// The one-time link that creates the first administrator. Stored hashed; valid for 24 hours, once, and only
/// while no user exists.
public final class SetupToken: Model, @unchecked Sendable {
    public static let schema = "setup_tokens"

    // managed fields
    @ID(custom: "id", generatedBy: .user) public var id: String?

    // data fields
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}
}
