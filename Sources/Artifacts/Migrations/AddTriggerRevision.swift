import Fluent
import SQLKit

/// `artifacts.trigger_revision`: the project revision in which the artifact's trigger fields last changed. Evidence
/// recorded in an earlier revision is stale (verification results); rows from before this column count as
/// unchanged since revision 0.
struct AddTriggerRevision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Artifact.schema).field("trigger_revision", .int64, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Artifact.schema).deleteField("trigger_revision").update()
    }
}
