import Fluent
import SQLKit

/// Creates the job queue (`jobs`) with the index the claim query walks.
struct CreateJobs: AsyncMigration {
    var name: String { "Platform.CreateJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(JobRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_after", .datetime, .required)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("progress", .int, .required)
            .field("message", .string, .required)
            .field("result", .string)
            .field("error", .string)
            .field("finished_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "jobs_claim_idx").on(JobRecord.schema).column("status").column("run_after").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobRecord.schema).delete()
    }
}
