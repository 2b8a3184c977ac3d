import Fluent
import Platform

/// Attachments of ReqIFZ imports per module (`ReqIFAttachment`), content in `blobs`.
struct CreateReqIFAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReqIFAttachment.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("module_id", .uuid, .required, .references(RequirementModule.schema, "id", onDelete: .cascade))
            .field("path", .string, .required)
            .field("blob_id", .uuid, .required, .references(Blob.schema, "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "module_id", "path", name: "reqif_attachments_module_path")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReqIFAttachment.schema).delete()
    }
}
