import Fluent
import Foundation

/// A person who signs in. Email is the login name (stored lower-cased); there are no default accounts.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "is_active") public var isActive: Bool
    @Field(key: "is_site_admin") public var isSiteAdmin: Bool
    @Field(key: "password_changed_at") public var passwordChangedAt: Date

    public init() {}

    public init(email: String, displayName: String, passwordHash: String, isSiteAdmin: Bool, now: Date = Date()) {
        self.email = User.normalise(email: email)
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.isActive = true
        self.isSiteAdmin = isSiteAdmin
        self.passwordChangedAt = now
    }

    public static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// A plausible address: one `@`, something before it, a dot after it, no spaces. Delivery is not checked.
    public static func isPlausible(email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace) && email.count <= 254
    }

    public static func find(email: String, on database: any Database) async throws -> User? {
        try await User.query(on: database).filter(\.$email == normalise(email: email)).first()
    }
}
