import Fluent
import Foundation

/// A row of the job queue. Jobs are enqueued in the same transaction as the change that causes them, so a
/// rolled-back change never leaves a job behind.
public final class JobRecord: Model, @unchecked Sendable {
    public static let schema = "jobs"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case queued, running, succeeded, dead
    }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "kind") public var kind: String
    @Field(key: "payload") public var payload: String
    /// Stored as text (not a database enum) so adding a status later is not a schema change.
    @Field(key: "status") public var statusRaw: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @Field(key: "run_after") public var runAfter: Date
    @OptionalField(key: "lease_owner") public var leaseOwner: String?
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    @Field(key: "progress") public var progress: Int
    @Field(key: "message") public var message: String
    @OptionalField(key: "result") public var result: String?
    @OptionalField(key: "error") public var error: String?
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @OptionalField(key: "created_by") public var createdBy: UUID?

    public init() {}

    public var status: Status { Status(rawValue: statusRaw) ?? .queued }
}
