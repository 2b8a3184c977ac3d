import Artifacts
import Fluent
import Platform
import SQLKit

/// Interfaces between system elements and the per-project interface types.
struct CreateInterfaces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SystemInterface.schema)
            .field("artifact_id", .uuid, .identifier(auto: false), .references(Artifact.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("side_a_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("side_b_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("interface_type", .string, .required)
            .field("direction", .string, .required)
            .field("medium", .string, .required)
            .field("status", .string, .required)
            .field("description", .string, .required)
            .field("search_text", .string, .required)
            .create()
        try await database.schema(InterfaceSettings.schema)
            .field("project_id", .uuid, .identifier(auto: false), .references(Project.schema, "id", onDelete: .cascade))
            .field("types", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX interfaces_project ON interfaces (project_id, status)").run()
        try await sql.raw("CREATE INDEX interfaces_side_a ON interfaces (side_a_id)").run()
        try await sql.raw("CREATE INDEX interfaces_side_b ON interfaces (side_b_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InterfaceSettings.schema).delete()
        try await database.schema(SystemInterface.schema).delete()
    }
}
