import Fluent
import SQLKit

/// The project's coverage definitions (`CoverageDefinitions`), one per line in `requirement_settings`; empty
/// means the built-in four.
struct AddCoverageDefinitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequirementSettings.schema)
            .field("coverage", .string, .required, .sql(.default("")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequirementSettings.schema).deleteField("coverage").update()
    }
}
