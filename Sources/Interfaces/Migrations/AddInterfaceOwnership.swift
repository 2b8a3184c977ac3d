import Fluent
import Platform
import SQLKit

/// Interface owners, project interface ids (unique per project) and the organisations at each side. Runs after
/// the governance tables exist.
struct AddInterfaceOwnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column per statement.
        for (column, type) in [("owner_org_id", DatabaseSchema.DataType.uuid), ("project_interface_id", .string),
                               ("side_a_org_id", .uuid), ("side_b_org_id", .uuid)]
        {
            try await database.schema(SystemInterface.schema).field(FieldKey(stringLiteral: column), type).update()
        }
        let sql = database as! any SQLDatabase
        // NULL (no id given) is distinct from every other NULL on both databases, so only given ids must differ.
        try await sql.raw("CREATE UNIQUE INDEX interfaces_project_interface_id ON interfaces (project_id, project_interface_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX interfaces_project_interface_id").run()
        for column in ["owner_org_id", "project_interface_id", "side_a_org_id", "side_b_org_id"] {
            try await database.schema(SystemInterface.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
