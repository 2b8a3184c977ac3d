/// The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that SESA's documents need.
public indirect enum JSONSchema: Sendable {
    case string(format: String? = nil, enumValues: [String]? = nil, description: String? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil, description: String? = nil)
    case number(description: String? = nil)
    case boolean(description: String? = nil)
    case array(JSONSchema, description: String? = nil)
    case object([(String, JSONSchema)], required: [String], description: String? = nil)
    case map(JSONSchema, description: String? = nil)
    case nullable(JSONSchema)
    case ref(String)

    /// A plain JSON value for the document.
    var json: JSONValue {
        switch self {
        case let .string(format, enumValues, description):
            var object: [(String, JSONValue)] = [("type", .string("string"))]
            if let format { object.append(("format", .string(format))) }
            if let enumValues { object.append(("enum", .array(enumValues.map(JSONValue.string)))) }
            return .object(object + Self.describe(description))
        case let .integer(minimum, maximum, description):
            var object: [(String, JSONValue)] = [("type", .string("integer"))]
            if let minimum { object.append(("minimum", .number(Double(minimum)))) }
            if let maximum { object.append(("maximum", .number(Double(maximum)))) }
            return .object(object + Self.describe(description))
        case let .number(description):
            return .object([("type", .string("number"))] + Self.describe(description))
        case let .boolean(description):
            return .object([("type", .string("boolean"))] + Self.describe(description))
        case let .array(items, description):
            return .object([("type", .string("array")), ("items", items.json)] + Self.describe(description))
        case let .object(properties, required, description):
            var object: [(String, JSONValue)] = [
                ("type", .string("object")),
                ("properties", .object(properties.map { ($0.0, $0.1.json) })),
            ]
            if !required.isEmpty { object.append(("required", .array(required.map(JSONValue.string)))) }
            return .object(object + Self.describe(description))
        case let .map(values, description):
            return .object([("type", .string("object")), ("additionalProperties", values.json)] + Self.describe(description))
        case let .nullable(inner):
            return .object([("oneOf", .array([inner.json, .object([("type", .string("null"))])]))])
        case let .ref(name):
            return .object([("$ref", .string("#/components/schemas/\(name)"))])
        }
    }

    private static func describe(_ description: String?) -> [(String, JSONValue)] {
        description.map { [("description", .string($0))] } ?? []
    }
}
