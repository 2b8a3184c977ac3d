import Fluent
import Foundation

/// One row per worker (in-process or `sesa worker`), refreshed every few seconds. Readiness fails when no
/// worker has beaten recently: queued work would otherwise wait silently.
public final class WorkerHeartbeat: Model, @unchecked Sendable {
    public static let schema = "worker_heartbeats"

    // managed fields
    @ID(custom: "worker_id", generatedBy: .user) public var id: String?

    // data fields
    @Field(key: "host") public var host: String
    @Field(key: "pid") public var pid: Int
    @Field(key: "started_at") public var startedAt: Date
    @Field(key: "beat_at") public var beatAt: Date
    @OptionalField(key: "current_job") public var currentJob: UUID?

    public init() {}
}
