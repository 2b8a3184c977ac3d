import Fluent
import Foundation

/// A section or requirement's place in its module's document tree, plus the columns lists, filters and
/// search read without opening the artifact's version row. Written only by `RequirementStore`, in the same
/// transaction as the artifact version it mirrors.
public final class DocumentItem: Model, @unchecked Sendable {
    public static let schema = "requirement_items"

    public enum ItemType: String, Codable, Sendable { case section, requirement }

    /// The artifact's id.
    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "module_id") public var moduleID: UUID
    /// The parent item (a section or a requirement); nil at the top of the document.
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// Order among siblings, 0-based and dense.
    @Field(key: "position") public var position: Int
    @Enum(key: "item_type") public var itemType: ItemType
    @Field(key: "status") public var status: String
    @Field(key: "req_type") public var requirementType: String
    @Field(key: "priority") public var priority: String
    /// Tags as `|a|b|`, so one LIKE finds a tag exactly.
    @Field(key: "tags") public var tags: String
    @Field(key: "statement") public var statement: String
    /// Ids of the quality rules that fire, as `|vague-term|tbd|` (all rules; projects hide disabled ones).
    @Field(key: "findings") public var findings: String
    /// Key, title and statement, for full-text search.
    @Field(key: "search_text") public var searchText: String

    public init() {}

    public var tagList: [String] { tags.split(separator: "|").map(String.init) }
    public var findingList: [String] { findings.split(separator: "|").map(String.init) }

    static func joined(_ values: [String]) -> String { values.isEmpty ? "" : "|" + values.joined(separator: "|") + "|" }
}
