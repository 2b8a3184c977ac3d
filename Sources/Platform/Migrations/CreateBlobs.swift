import Fluent

/// File content by project and SHA-256 (`Blob`).
struct CreateBlobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Blob.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("content_type", .string, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "project_id", "sha256", name: "blobs_project_sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Blob.schema).delete()
    }
}
