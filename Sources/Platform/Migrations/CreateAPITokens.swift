import Fluent
import SQLKit

/// Creates `refresh_tokens` (removed with their API session) and `personal_access_tokens` (removed with their
/// owner or project).
struct CreateAPITokens: AsyncMigration {
    var name: String { "Platform.CreateAPITokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RefreshToken.schema)
            .field("id", .string, .identifier(auto: false))
            .field("session_id", .string, .required, .references(UserSession.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("rotated_at", .datetime)
            .create()
        try await database.schema(PersonalAccessToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("token_hash", .string, .required)
            .field("hint", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)").run()
        try await sql.raw("CREATE INDEX personal_access_tokens_user ON personal_access_tokens (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PersonalAccessToken.schema).delete()
        try await database.schema(RefreshToken.schema).delete()
    }
}
