import Fluent
import SQLKit

/// Creates `programs`, `projects` (unique key) and `memberships` (one per project and user; removed with
/// either). Enumerations are plain strings so new values need no database type change.
struct CreateProjects: AsyncMigration {
    var name: String { "Platform.CreateProjects" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Program.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .unique(on: "name")
            .create()
        try await database.schema(Project.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("status", .string, .required)
            .field("program_id", .uuid, .references(Program.schema, "id", onDelete: .setNull))
            .unique(on: "key")
            .create()
        try await database.schema(Membership.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "project_id", "user_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX memberships_user ON memberships (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Membership.schema).delete()
        try await database.schema(Project.schema).delete()
        try await database.schema(Program.schema).delete()
    }
}
