import Fluent
import Foundation

/// A case's outcome in a run. `revision` is the project revision it was recorded in: the result is stale when
/// its case or a requirement the case verifies changed its trigger fields in a later revision. A CI test case that
/// matched no case is kept with `case_id` empty, so nothing reported is dropped.
public final class TestResult: Model, @unchecked Sendable {
    public static let schema = "test_results"

    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case pass, fail, blocked
        case notRun = "not-run"

        public var label: String { self == .notRun ? "not run" : rawValue }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "run_id") public var runID: UUID
    @OptionalField(key: "case_id") public var caseID: UUID?
    @Enum(key: "outcome") public var outcome: Outcome
    @Field(key: "notes") public var notes: String
    @OptionalField(key: "duration_ms") public var durationMS: Int?
    @Field(key: "revision") public var revision: Int64
    @Field(key: "recorded_at") public var recordedAt: Date
    @Field(key: "recorded_by") public var recordedBy: String
    /// For CI results: the test's full name, its JUnit outcome (passed, failed, error, skipped), and why it
    /// matched no case ('' when it did or for manual results).
    @Field(key: "test_name") public var testName: String
    @Field(key: "report_outcome") public var reportOutcome: String
    @Field(key: "unmatched_reason") public var unmatchedReason: String

    public init() {}
}
