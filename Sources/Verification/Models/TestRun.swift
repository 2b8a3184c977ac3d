import Fluent
import Foundation

/// One execution of a set, a case, or what a CI report holds (`RUN-12`): who, when, where, on which build.
/// Runs and results are records of what happened, not versioned engineering items: they are appended, and
/// every change is in the audit trail.
public final class TestRun: Model, @unchecked Sendable {
    public static let schema = "test_runs"

    public enum Source: String, Codable, Sendable { case manual, junit }
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, importing, closed
        case failed  // a CI report whose ingestion failed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// 1, 2, … per project: the run's name is `RUN-<number>`.
    @Field(key: "number") public var number: Int
    @Field(key: "title") public var title: String
    @OptionalField(key: "set_id") public var setID: UUID?
    @OptionalField(key: "case_id") public var caseID: UUID?
    @Field(key: "environment") public var environment: String
    /// The build or version under test, and the commit when CI says.
    @Field(key: "build") public var build: String
    @Field(key: "commit_ref") public var commit: String
    @Enum(key: "source") public var source: Source
    @Enum(key: "status") public var status: Status
    @Field(key: "executed_by") public var executedBy: String
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "job_id") public var jobID: UUID?
    /// Why ingestion failed, or the summary it left.
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "created_by") public var createdBy: UUID?

    public init() {}

    public var name: String { "RUN-\(number)" }
}
