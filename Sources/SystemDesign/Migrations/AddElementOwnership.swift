import Artifacts
import Fluent
import Governance
import Platform
import SQLKit

/// Element owners (a delivery organisation) and scope allocations (element × organisation × phase). Runs after
/// the governance tables exist.
struct AddElementOwnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SystemElement.schema).field("owner_org_id", .uuid).update()
        try await database.schema(ScopeAllocation.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("element_id", .uuid, .required, .references(Artifact.schema, "id", onDelete: .cascade))
            .field("org_id", .uuid, .required, .references(DeliveryOrganisation.schema, "id"))
            .field("phase_id", .uuid, .references(Phase.schema, "id"))
            .field("status", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX scope_allocations_project ON scope_allocations (project_id, element_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ScopeAllocation.schema).delete()
        try await database.schema(SystemElement.schema).deleteField("owner_org_id").update()
    }
}
