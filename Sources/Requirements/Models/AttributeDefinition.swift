import Fluent
import Foundation

/// A custom attribute of a module's requirements (e.g. "Safety integrity level", an enumeration). Typed, so
/// values validate and ReqIF import/export keeps them as what they are.
public final class AttributeDefinition: Model, @unchecked Sendable {
    public static let schema = "requirement_attributes"

    public enum ValueType: String, Codable, Sendable, CaseIterable {
        case text, number, date, boolean, enumeration
        case multiEnumeration = "multi-enumeration"

        public var title: String {
            switch self {
            case .text: "Text"
            case .number: "Number"
            case .date: "Date"
            case .boolean: "Yes / no"
            case .enumeration: "One of a list"
            case .multiEnumeration: "Several of a list"
            }
        }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "module_id") public var moduleID: UUID
    /// Field name in snapshots (`attr.<name>`): lower-case letters, digits and `-`/`_`.
    @Field(key: "name") public var name: String
    @Field(key: "label") public var label: String
    @Enum(key: "value_type") public var valueType: ValueType
    /// The allowed values of (multi-)enumerations, one per line.
    @Field(key: "options") public var options: String
    @Field(key: "position") public var position: Int

    public init() {}

    public var optionList: [String] { options.split(separator: "\n").map(String.init) }
    public var fieldName: String { "attr." + name }
}
