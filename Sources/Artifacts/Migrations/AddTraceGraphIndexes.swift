import Fluent
import SQLKit

/// Covering indexes for the two queries that load a project's trace graph (`TraceGraphCache.load`).
///
/// Links and artifacts are wide rows (hashes, timestamps, content); reading 500k of them through the
/// `(project_id, suspect)` index meant a table lookup per row and most of a 3 s graph build. With every column
/// the load reads in the index, both databases answer from the index alone.
struct AddTraceGraphIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX artifact_links_graph ON artifact_links (project_id, source_id, target_id, kind)").run()
        try await sql.raw("CREATE INDEX artifacts_graph ON artifacts (project_id, deleted_at, key, id, kind, title)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX artifacts_graph").run()
        try await sql.raw("DROP INDEX artifact_links_graph").run()
    }
}
