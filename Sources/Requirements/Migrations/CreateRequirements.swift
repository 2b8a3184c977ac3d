import Artifacts
import Fluent
import Platform
import SQLKit

/// Requirement modules, the document tree with its list/search columns, custom attributes, comments,
/// approvals, per-project settings, and the full-text index (FTS5 on SQLite, a GIN index on PostgreSQL).
struct CreateRequirements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequirementModule.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("prefix", .string, .required)
            .field("description", .string, .required)
            .field("parent_expected", .bool, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime, .required)
            .field("deleted_at", .datetime)
            .unique(on: "project_id", "prefix", name: "requirement_modules_project_prefix")
            .create()
        try await database.schema(DocumentItem.schema)
            .field("artifact_id", .uuid, .identifier(auto: false), .references(Artifact.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("module_id", .uuid, .required, .references(RequirementModule.schema, "id", onDelete: .cascade))
            .field("parent_id", .uuid)
            .field("position", .int, .required)
            .field("item_type", .string, .required)
            .field("status", .string, .required)
            .field("req_type", .string, .required)
            .field("priority", .string, .required)
            .field("tags", .string, .required)
            .field("statement", .string, .required)
            .field("findings", .string, .required)
            .field("search_text", .string, .required)
            .create()
        try await database.schema(AttributeDefinition.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("module_id", .uuid, .required, .references(RequirementModule.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("label", .string, .required)
            .field("value_type", .string, .required)
            .field("options", .string, .required)
            .field("position", .int, .required)
            .unique(on: "module_id", "name", name: "requirement_attributes_module_name")
            .create()
        try await database.schema(RequirementComment.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("artifact_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("thread_id", .uuid)
            .field("body", .string, .required)
            .field("author_id", .uuid)
            .field("author_label", .string, .required)
            .field("created_at", .datetime, .required)
            .field("artifact_version", .int, .required)
            .field("resolved_at", .datetime)
            .field("resolved_by_label", .string)
            .create()
        try await database.schema(RequirementApproval.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("artifact_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("content_hash", .string, .required)
            .field("approved_by", .uuid)
            .field("approved_by_label", .string, .required)
            .field("approved_at", .datetime, .required)
            .create()
        try await database.schema(RequirementSettings.schema)
            .field("project_id", .uuid, .identifier(auto: false), .references(Project.schema, "id", onDelete: .cascade))
            .field("types", .string, .required)
            .field("disabled_rules", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX requirement_items_document ON requirement_items (module_id, parent_id, position)").run()
        try await sql.raw("CREATE INDEX requirement_items_project ON requirement_items (project_id, status)").run()
        try await sql.raw("CREATE INDEX requirement_comments_artifact ON requirement_comments (artifact_id, created_at)").run()
        try await sql.raw("CREATE INDEX requirement_approvals_artifact ON requirement_approvals (artifact_id, version)").run()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE requirement_search USING fts5(artifact_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')").run()
        } else {
            try await sql.raw("CREATE INDEX requirement_items_search ON requirement_items USING GIN (to_tsvector('simple', search_text))").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" { try await sql.raw("DROP TABLE requirement_search").run() }
        for table in [RequirementSettings.schema, RequirementApproval.schema, RequirementComment.schema,
                      AttributeDefinition.schema, DocumentItem.schema, RequirementModule.schema] {
            try await database.schema(table).delete()
        }
    }
}
