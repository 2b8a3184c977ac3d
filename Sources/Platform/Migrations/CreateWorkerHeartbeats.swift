import Fluent

/// Creates `worker_heartbeats`: one row per running job worker.
struct CreateWorkerHeartbeats: AsyncMigration {
    var name: String { "Platform.CreateWorkerHeartbeats" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WorkerHeartbeat.schema)
            .field("worker_id", .string, .identifier(auto: false))
            .field("host", .string, .required)
            .field("pid", .int, .required)
            .field("started_at", .datetime, .required)
            .field("beat_at", .datetime, .required)
            .field("current_job", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WorkerHeartbeat.schema).delete()
    }
}
