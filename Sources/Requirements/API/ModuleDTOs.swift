import Platform
import Vapor

/// JSON shapes for changing modules, their attribute definitions, document order and comment threads.
enum ModuleDTOs {
    struct ModuleUpdate: Content {
        var name: String
        var description: String?
        var parentExpected: Bool?
        enum CodingKeys: String, CodingKey {
            case name, description
            case parentExpected = "parent_expected"
        }
        static let schema = JSONSchema.object([
            ("name", .string()), ("description", .string()), ("parent_expected", .boolean()),
        ], required: ["name"])
    }

    struct AttributeDTO: Content {
        var name: String
        var label: String
        var type: String
        var values: [String]

        init(_ definition: AttributeDefinition) {
            name = definition.name
            label = definition.label
            type = definition.valueType.rawValue
            values = definition.optionList
        }

        static let schema = JSONSchema.object([
            ("name", .string(description: "Field name, stable: values are stored as attr.<name>")), ("label", .string()),
            ("type", .string(enumValues: AttributeDefinition.ValueType.allCases.map(\.rawValue))),
            ("values", .array(.string(), description: "Allowed values of enumerations")),
        ], required: ["name", "label", "type", "values"])
    }

    struct AttributeInput: Content {
        var name: String?
        var label: String
        var type: String?
        var values: [String]?
        static let createSchema = JSONSchema.object([
            ("name", .string()), ("label", .string()),
            ("type", .string(enumValues: AttributeDefinition.ValueType.allCases.map(\.rawValue))), ("values", .array(.string())),
        ], required: ["name", "label", "type"])
        static let updateSchema = JSONSchema.object([
            ("label", .string()), ("values", .array(.string(), description: "Enumerations: the new list; values still chosen cannot go")),
        ], required: ["label"])
    }

    struct MoveInput: Content {
        var move: String?
        var parent: String?
        var position: Int?
        static let schema = JSONSchema.object([
            ("move", .string(enumValues: RequirementStore.Move.allCases.map(\.rawValue), description: "One step; or give position")),
            ("parent", .nullable(.string(description: "Key of the new parent section or requirement; null for the top level"))),
            ("position", .integer(description: "Place among the new parent's children, from 0 (clamped)")),
        ], required: [])
    }
}
