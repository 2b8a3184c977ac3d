import Fluent
import Foundation

/// An ordered set of test cases (`TS-###`): a campaign, a regression suite, a smoke test.
public final class TestSet: Model, @unchecked Sendable {
    public static let schema = "test_sets"

    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "purpose") public var purpose: String
    @Field(key: "description") public var description: String

    public init() {}
}

/// A case's place in a set.
public final class TestSetMember: Model, @unchecked Sendable {
    public static let schema = "test_set_cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "set_id") public var setID: UUID
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "position") public var position: Int

    public init() {}
}
