import Fluent
import Foundation
import SQLKit
import Vapor

/// Fixed-window counters in the database (`rate_limit_counters`), shared by every instance.
public struct RateLimiter: Sendable {
    static let schema = "rate_limit_counters"

    /// A limit: at most `limit` events per `window` seconds.
    public struct Rule: Sendable, Equatable {
        public var limit: Int
        public var window: TimeInterval
        public init(_ limit: Int, per window: TimeInterval) {
            self.limit = limit
            self.window = window
        }
    }

    /// A bucket's state after a hit or a look.
    public struct Count: Sendable, Equatable {
        public var hits: Int
        public var resetsAt: Date

        /// Whole seconds until the window ends, at least 1: the `Retry-After` value.
        public func retryAfter(now: Date) -> Int { max(1, Int(resetsAt.timeIntervalSince(now).rounded(.up))) }
    }

    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Counts one event in `bucket`'s current window (a new window starts when the old one has ended).
    @discardableResult
    public func hit(_ bucket: String, window: TimeInterval, now: Date) async throws -> Count {
        let nowMS = Self.milliseconds(now), expiredBefore = nowMS - Self.milliseconds(window)
        let row = try await sql.raw("""
            INSERT INTO rate_limit_counters (bucket, window_start_ms, hits) VALUES (\(bind: bucket), \(bind: nowMS), 1)
            ON CONFLICT (bucket) DO UPDATE SET
              hits = CASE WHEN rate_limit_counters.window_start_ms <= \(bind: expiredBefore) THEN 1
                          ELSE rate_limit_counters.hits + 1 END,
              window_start_ms = CASE WHEN rate_limit_counters.window_start_ms <= \(bind: expiredBefore) THEN \(bind: nowMS)
                                     ELSE rate_limit_counters.window_start_ms END
            RETURNING hits, window_start_ms
            """).first()
        guard let row else { return Count(hits: 1, resetsAt: now.addingTimeInterval(window)) }
        // Old windows of buckets nobody hits again are swept now and then rather than by a separate job.
        if Int.random(in: 0..<200) == 0 { try await purge(before: now.addingTimeInterval(-86_400)) }
        return try Self.count(row, window: window)
    }

    /// The bucket's count in its current window, without counting (0 when the window has ended).
    public func peek(_ bucket: String, window: TimeInterval, now: Date) async throws -> Count {
        let expiredBefore = Self.milliseconds(now) - Self.milliseconds(window)
        let row = try await sql.raw("""
            SELECT hits, window_start_ms FROM rate_limit_counters
            WHERE bucket = \(bind: bucket) AND window_start_ms > \(bind: expiredBefore)
            """).first()
        guard let row else { return Count(hits: 0, resetsAt: now) }
        return try Self.count(row, window: window)
    }

    public func reset(_ bucket: String) async throws {
        try await sql.raw("DELETE FROM rate_limit_counters WHERE bucket = \(bind: bucket)").run()
    }

    func purge(before date: Date) async throws {
        try await sql.raw("DELETE FROM rate_limit_counters WHERE window_start_ms < \(bind: Self.milliseconds(date))").run()
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    private static func count(_ row: any SQLRow, window: TimeInterval) throws -> Count {
        let hits = try row.decode(column: "hits", as: Int64.self)
        let start = try row.decode(column: "window_start_ms", as: Int64.self)
        return Count(hits: Int(hits), resetsAt: Date(timeIntervalSince1970: Double(start) / 1000 + window))
    }

    /// Rounded down, so a window never starts after the moment it was opened (Retry-After stays within the window).
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func milliseconds(_ interval: TimeInterval) -> Int64 { Int64((interval * 1000).rounded()) }
}

/// 429 Too Many Requests with `Retry-After`.
public struct TooManyRequests: AbortError {
    public let retryAfter: Int
    public let reason: String
    public var status: HTTPResponseStatus { .tooManyRequests }
    public var headers: HTTPHeaders { ["Retry-After": String(retryAfter)] }

    public init(retryAfter: Int, reason: String) {
        self.retryAfter = retryAfter
        self.reason = reason
    }
}

extension Request {
    public var rateLimiter: RateLimiter { RateLimiter(database: db) }
}
