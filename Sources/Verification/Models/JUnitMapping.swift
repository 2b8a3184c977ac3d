import Fluent
import Foundation

/// A saved rule of CI ingestion: tests whose full name (`classname.name`) matches `pattern` (`*` any run of
/// characters, `?` one) report on `case_id`. Tried in `position` order, after the `sesa.case` and requirement
/// properties.
public final class JUnitMapping: Model, @unchecked Sendable {
    public static let schema = "junit_mappings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "pattern") public var pattern: String
    @Field(key: "case_id") public var caseID: UUID

    public init() {}
}
