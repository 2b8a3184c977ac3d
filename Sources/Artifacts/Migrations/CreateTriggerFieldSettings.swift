import Fluent
import Platform

/// Per-project trigger fields of an artifact kind (`TriggerFieldSetting`).
struct CreateTriggerFieldSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TriggerFieldSetting.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("fields", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "project_id", "kind", name: "artifact_trigger_fields_project_kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TriggerFieldSetting.schema).delete()
    }
}
