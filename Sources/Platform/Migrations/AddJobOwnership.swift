import Fluent

/// Who may watch a job: the project it belongs to and the person who started it (both optional — system jobs
/// have neither and are visible to site administrators only).
struct AddJobOwnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(JobRecord.schema).field("project_id", .uuid).update()
        try await database.schema(JobRecord.schema).field("created_by", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobRecord.schema).deleteField("created_by").update()
        try await database.schema(JobRecord.schema).deleteField("project_id").update()
    }
}
