import Artifacts
import Fluent
import Platform
import SQLKit

/// IDS and ICD documents, the interfaces they cover and their files.
struct CreateInterfaceDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InterfaceDocument.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("revision", .string, .required)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "project_id", "number", "revision")
            .create()
        try await database.schema(InterfaceDocumentCoverage.schema)
            .id()
            .field("document_id", .uuid, .required, .references(InterfaceDocument.schema, "id", onDelete: .cascade))
            .field("interface_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .unique(on: "document_id", "interface_id")
            .create()
        try await database.schema(InterfaceDocumentFile.schema)
            .id()
            .field("document_id", .uuid, .required, .references(InterfaceDocument.schema, "id", onDelete: .cascade))
            .field("blob_id", .uuid, .required, .references(Blob.schema, "id"))
            .field("name", .string, .required)
            .field("size", .int, .required)
            .field("uploaded_at", .datetime, .required)
            .field("uploaded_by", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX interface_document_interfaces_interface ON interface_document_interfaces (interface_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InterfaceDocumentFile.schema).delete()
        try await database.schema(InterfaceDocumentCoverage.schema).delete()
        try await database.schema(InterfaceDocument.schema).delete()
    }
}
