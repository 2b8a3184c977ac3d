import Fluent
import Platform

/// Saved ReqIF field mappings, one per project and source tool (`ReqIFMapping`).
struct CreateReqIFMappings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReqIFMapping.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("source_tool", .string, .required)
            .field("entries", .string, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime, .required)
            .unique(on: "project_id", "source_tool", name: "reqif_mappings_project_tool")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReqIFMapping.schema).delete()
    }
}
