import Fluent
import Foundation

/// A defect (`DEF-###`) found by verification: linked to the results that show it and (`concerns` links) to the
/// requirements and cases it affects.
public final class Defect: Model, @unchecked Sendable {
    public static let schema = "defects"

    public enum Severity: String, Codable, Sendable, CaseIterable { case critical, major, minor, trivial }
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        case inWork = "in-work"
        case resolved, closed
    }

    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Enum(key: "severity") public var severity: Severity
    @Enum(key: "status") public var status: Status
    @Field(key: "description") public var description: String
    @Field(key: "search_text") public var searchText: String

    public init() {}
}

/// A result that shows a defect.
public final class DefectResult: Model, @unchecked Sendable {
    public static let schema = "defect_results"

    @ID(key: .id) public var id: UUID?
    @Field(key: "defect_id") public var defectID: UUID
    @Field(key: "result_id") public var resultID: UUID

    public init() {}
}
