import Artifacts
import Fluent
import Platform
import SQLKit

/// Architectures and their nodes (system elements).
struct CreateArchitectures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Architecture.schema)
            .field("artifact_id", .uuid, .identifier(auto: false), .references(Artifact.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("description", .string, .required)
            .field("approved_by", .string, .required)
            .field("approved_at", .datetime)
            .field("approved_version", .int)
            .create()
        try await database.schema(ArchitectureNode.schema)
            .id()
            .field("architecture_id", .uuid, .required, .references(Architecture.schema, "artifact_id", onDelete: .cascade))
            .field("element_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .unique(on: "architecture_id", "element_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX architectures_project ON architectures (project_id)").run()
        try await sql.raw("CREATE INDEX architecture_nodes_element ON architecture_nodes (element_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArchitectureNode.schema).delete()
        try await database.schema(Architecture.schema).delete()
    }
}
