import Fluent
import Platform
import SQLKit

/// The artifact core: identities, versions, typed links, per-project revisions and key counters.
struct CreateArtifacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Artifact.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("key", .string, .required)
            .field("title", .string, .required)
            .field("version", .int, .required)
            .field("content_hash", .string, .required)
            .field("trigger_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .field("deleted_at", .datetime)
            .unique(on: "project_id", "key", name: "artifacts_project_key")
            .create()
        try await database.schema(ArtifactVersion.schema)
            .id()
            .field("artifact_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("project_id", .uuid, .required)
            .field("revision", .int64, .required)
            .field("change", .string, .required)
            .field("title", .string, .required)
            .field("content", .string, .required)
            .field("content_hash", .string, .required)
            .field("trigger_hash", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by", .uuid)
            .field("changed_by_label", .string, .required)
            .unique(on: "artifact_id", "version", name: "artifact_versions_artifact_version")
            .create()
        try await database.schema(ArtifactLink.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("source_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("target_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("source_hash_at_review", .string, .required)
            .field("target_hash_at_review", .string, .required)
            .field("suspect", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("cleared_at", .datetime)
            .field("cleared_by", .uuid)
            .field("cleared_reason", .string)
            .unique(on: "kind", "source_id", "target_id", name: "artifact_links_kind_source_target")
            .create()
        try await database.schema("project_revisions")
            .field("project_id", .uuid, .identifier(auto: false), .references(Project.schema, "id", onDelete: .cascade))
            .field("revision", .int64, .required)
            .create()
        try await database.schema("artifact_key_counters")
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("prefix", .string, .required)
            .field("last_number", .int64, .required)
            .compositeIdentifier(over: "project_id", "prefix")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX artifacts_project_kind ON artifacts (project_id, kind)").run()
        try await sql.raw("CREATE INDEX artifact_links_target ON artifact_links (target_id)").run()
        try await sql.raw("CREATE INDEX artifact_links_source ON artifact_links (source_id)").run()
        try await sql.raw("CREATE INDEX artifact_links_project ON artifact_links (project_id, suspect)").run()
        try await sql.raw("CREATE INDEX artifact_versions_project_revision ON artifact_versions (project_id, revision)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["artifact_key_counters", "project_revisions", ArtifactLink.schema, ArtifactVersion.schema,
                      Artifact.schema] {
            try await database.schema(table).delete()
        }
    }
}
