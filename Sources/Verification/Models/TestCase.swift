import Fluent
import Foundation

/// A test case (`TC-###`): how one or more requirements are verified. Its steps live in the artifact's version
/// (they are what a change to the case means); this row mirrors what lists, the RVTM and matching read.
public final class TestCase: Model, @unchecked Sendable {
    public static let schema = "test_cases"

    public enum Method: String, Codable, Sendable, CaseIterable { case test, analysis, inspection, demonstration }
    public enum Status: String, Codable, Sendable, CaseIterable { case draft, ready, retired }

    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Enum(key: "method") public var method: Method
    @Enum(key: "status") public var status: Status
    @Field(key: "preconditions") public var preconditions: String
    @Field(key: "environment") public var environment: String
    /// The steps as JSON (`[{"action":…,"expected":…}]`), as in the version row.
    @Field(key: "steps") public var steps: String
    /// Created by CI ingestion for a test that named a requirement; `automation_id` is the test's full name.
    @Field(key: "automated") public var automated: Bool
    @OptionalField(key: "automation_id") public var automationID: String?
    /// Key and title in lower case, for search.
    @Field(key: "search_text") public var searchText: String

    public init() {}
}
