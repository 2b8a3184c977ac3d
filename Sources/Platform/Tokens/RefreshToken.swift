import Fluent
import Foundation

/// An opaque refresh token of an API session, stored as its SHA-256. Each refresh rotates it: the old row is
/// marked `rotated_at` and a new one issued. Presenting a rotated token again means it leaked — the whole
/// family (the session and every token of it) is revoked.
public final class RefreshToken: Model, @unchecked Sendable {
    public static let schema = "refresh_tokens"

    // managed fields
    @ID(custom: "id", generatedBy: .user) public var id: String?

    // data fields
    @Parent(key: "session_id") public var session: UserSession
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "rotated_at") public var rotatedAt: Date?

    public init() {}
}
