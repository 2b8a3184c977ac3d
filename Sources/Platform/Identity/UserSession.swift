import Fluent
import Foundation

/// A signed-in browser or API client. For a browser the row's id is the SHA-256 of the cookie's token, so the
/// table never holds a usable token; for the API it is the `sid` claim of its access tokens, whose refresh
/// tokens hang off it. Deleting the row ends the session everywhere at once (logout, revoke, disabled user) —
/// for the API too, because every request checks it.
public final class UserSession: Model, @unchecked Sendable {
    public static let schema = "user_sessions"

    // managed fields
    @ID(custom: "id", generatedBy: .user) public var id: String?

    // data fields
    @Parent(key: "user_id") public var user: User
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @Field(key: "ip") public var ip: String
    @Field(key: "user_agent") public var userAgent: String

    public enum Kind: String, Sendable, Codable {
        case browser, api
    }

    @Field(key: "kind") public var kind: Kind

    public init() {}
}
