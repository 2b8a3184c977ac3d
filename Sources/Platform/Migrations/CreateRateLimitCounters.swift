import Fluent
import SQLKit

/// Creates `rate_limit_counters`: fixed-window counters for sign-in failures and request rates, in the
/// database so every instance sees the same numbers. Windows are epoch milliseconds (exact on both databases).
struct CreateRateLimitCounters: AsyncMigration {
    var name: String { "Platform.CreateRateLimitCounters" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RateLimiter.schema)
            .field("bucket", .string, .identifier(auto: false))
            .field("window_start_ms", .int64, .required)
            .field("hits", .int64, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX rate_limit_counters_window ON rate_limit_counters (window_start_ms)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RateLimiter.schema).delete()
    }
}
