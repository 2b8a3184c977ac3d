import Fluent
import Foundation

/// The verification status of a plan's scope (or the whole project) frozen at one moment, to compare later.
public final class CoverageSnapshot: Model, @unchecked Sendable {
    public static let schema = "coverage_snapshots"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @OptionalField(key: "plan_id") public var planID: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "revision") public var revision: Int64
    @Field(key: "taken_at") public var takenAt: Date
    @Field(key: "taken_by") public var takenBy: String

    public init() {}
}

/// One requirement's status in a snapshot; key and module are copied so the snapshot reads the same after renames.
public final class CoverageSnapshotRow: Model, @unchecked Sendable {
    public static let schema = "coverage_snapshot_rows"

    @ID(key: .id) public var id: UUID?
    @Field(key: "snapshot_id") public var snapshotID: UUID
    @Field(key: "requirement_id") public var requirementID: UUID
    @Field(key: "requirement_key") public var requirementKey: String
    @Field(key: "module") public var module: String
    @Field(key: "status") public var status: String
    @Field(key: "cases") public var cases: Int

    public init() {}
}
