import Fluent
import Foundation

/// A project's saved field mapping for one source tool (`ReqIFFieldMapping`), applied to every later import of
/// that tool's files.
public final class ReqIFMapping: Model, @unchecked Sendable {
    public static let schema = "reqif_mappings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// THE-HEADER's SOURCE-TOOL-ID (or REQ-IF-TOOL-ID), as `ReqIFImportPlan.sourceTool` reads it.
    @Field(key: "source_tool") public var sourceTool: String
    /// The entries as JSON: attribute LONG-NAME → target code.
    @Field(key: "entries") public var entries: String
    @OptionalField(key: "updated_by") public var updatedBy: UUID?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    init(projectID: UUID, sourceTool: String) {
        self.id = UUID()
        self.projectID = projectID
        self.sourceTool = sourceTool
        self.entries = "{}"
        self.updatedAt = Date()
    }

    var mapping: ReqIFFieldMapping {
        let entries = (try? JSONDecoder().decode([String: String].self, from: Data(entries.utf8))) ?? [:]
        return ReqIFFieldMapping(entries: entries)
    }
}
