import Fluent

/// Creates `setup_tokens` (the one-time first-administrator link, stored hashed).
struct CreateSetupTokens: AsyncMigration {
    var name: String { "Platform.CreateSetupTokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SetupToken.schema)
            .field("id", .string, .identifier(auto: false))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SetupToken.schema).delete()
    }
}
