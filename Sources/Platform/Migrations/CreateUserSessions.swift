import Fluent

/// Creates `user_sessions` (browser and API sessions, keyed by the token's SHA-256; removed with their user).
struct CreateUserSessions: AsyncMigration {
    var name: String { "Platform.CreateUserSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("ip", .string, .required)
            .field("user_agent", .string, .required)
            .field("kind", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserSession.schema).delete()
    }
}
