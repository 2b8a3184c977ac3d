import Fluent
import Platform
import SQLKit

/// The ReqIF identity table (`ReqIFIdentity`), one row per imported IDENTIFIER and role, and the uploads an
/// import job reads (`ReqIFUpload`).
struct CreateReqIFImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReqIFIdentity.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("identifier", .string, .required)
            .field("target_id", .uuid)
            .field("module_id", .uuid)
            .field("detail", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "project_id", "role", "identifier", name: "reqif_identities_project_role_identifier")
            .create()
        try await database.schema(ReqIFUpload.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("module", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX reqif_identities_target ON reqif_identities (target_id)").run()
        try await sql.raw("CREATE INDEX reqif_identities_module ON reqif_identities (project_id, module_id, role)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReqIFUpload.schema).delete()
        try await database.schema(ReqIFIdentity.schema).delete()
    }
}
