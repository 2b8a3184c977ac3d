import Artifacts
import Fluent
import Platform
import SQLKit

/// The element tree's rows and the per-project levels.
struct CreateSystemElements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SystemElement.schema)
            .field("artifact_id", .uuid, .identifier(auto: false), .references(Artifact.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("parent_id", .uuid)
            .field("level", .string, .required)
            .field("status", .string, .required)
            .field("description", .string, .required)
            .field("search_text", .string, .required)
            .create()
        try await database.schema(SystemDesignSettings.schema)
            .field("project_id", .uuid, .identifier(auto: false), .references(Project.schema, "id", onDelete: .cascade))
            .field("levels", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX system_elements_tree ON system_elements (project_id, parent_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SystemDesignSettings.schema).delete()
        try await database.schema(SystemElement.schema).delete()
    }
}
