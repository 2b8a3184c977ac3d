import Artifacts
import Fluent
import Platform
import SQLKit

/// Delivery organisations, phases and design packages.
struct CreateGovernance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DeliveryOrganisation.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .unique(on: "project_id", "code")
            .create()
        try await database.schema(Phase.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("gate_criteria", .string, .required)
            .field("status", .string, .required)
            .unique(on: "project_id", "name")
            .create()
        try await database.schema(DesignPackage.schema)
            .field("artifact_id", .uuid, .identifier(auto: false), .references(Artifact.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("owner_org_id", .uuid, .references(DeliveryOrganisation.schema, "id"))
            .field("phase_id", .uuid, .references(Phase.schema, "id"))
            .field("status", .string, .required)
            .field("description", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX design_packages_project ON design_packages (project_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DesignPackage.schema).delete()
        try await database.schema(Phase.schema).delete()
        try await database.schema(DeliveryOrganisation.schema).delete()
    }
}
