import Crypto
import Foundation

/// One field value of an artifact snapshot. A closed set of JSON-friendly types, so every snapshot has one
/// canonical text and one hash on every platform and database.
public enum ArtifactValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    /// Decimal text, kept as written ("2.50" stays "2.50"): floating point would change hashes across platforms.
    case decimal(String)
    case string(String)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Int.self) { self = .int(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([String].self) { self = .list(value); return }
        if let value = try? container.decode(Double.self) { self = .decimal(String(value)); return }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an artifact field value")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .decimal(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        }
    }

    /// How the value reads in a diff or a conflict: plain text, lists joined with commas.
    public var displayText: String {
        switch self {
        case .null: return "—"
        case .bool(let value): return value ? "yes" : "no"
        case .int(let value): return String(value)
        case .decimal(let value), .string(let value): return value.isEmpty ? "—" : value
        case .list(let value): return value.isEmpty ? "—" : value.joined(separator: ", ")
        }
    }
}

/// A snapshot of an artifact's fields. Canonical JSON: keys sorted by code point, no insignificant whitespace,
/// strings in Unicode NFC, and only `ArtifactValue`s — so equal content always gives equal bytes and hashes.
public struct ArtifactFields: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    public private(set) var values: [String: ArtifactValue]

    public init(_ values: [String: ArtifactValue] = [:]) {
        self.values = values.mapValues(Self.normalise)
    }

    public init(dictionaryLiteral elements: (String, ArtifactValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    public init(from decoder: any Decoder) throws {
        self.init(try [String: ArtifactValue](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }

    public subscript(field: String) -> ArtifactValue {
        get { values[field] ?? .null }
        set { values[field] = Self.normalise(newValue) }
    }

    public var fieldNames: [String] { values.keys.sorted() }

    public func canonicalJSON(only fields: [String]? = nil) -> String {
        var subset = values
        if let fields { subset = Dictionary(uniqueKeysWithValues: fields.map { ($0, values[$0] ?? .null) }) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(subset)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// SHA-256 (hex) of the canonical JSON of `fields` (all fields when nil).
    public func hash(of fields: [String]? = nil) -> String {
        SHA256.hash(data: Data(canonicalJSON(only: fields).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The fields whose values differ, in name order.
    public func changes(to other: ArtifactFields) -> [String] {
        Set(values.keys).union(other.values.keys).sorted().filter { self[$0] != other[$0] }
    }

    /// NFC text; decimals as the string they are stored and read back as, so a snapshot in memory equals the
    /// same snapshot read from the database (otherwise an unchanged number would count as a change).
    static func normalise(_ value: ArtifactValue) -> ArtifactValue {
        switch value {
        case .string(let text), .decimal(let text): return .string(text.precomposedStringWithCanonicalMapping)
        case .list(let items): return .list(items.map(\.precomposedStringWithCanonicalMapping))
        default: return value
        }
    }

    public static func decode(canonicalJSON text: String) throws -> ArtifactFields {
        try JSONDecoder().decode(ArtifactFields.self, from: Data(text.utf8))
    }
}
