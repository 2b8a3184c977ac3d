import Artifacts
import Foundation
import Platform
import Vapor

/// What a form or an API call sends to create or edit a requirement, before validation. Validation turns it
/// into the canonical snapshot fields, or names every bad field at once.
public struct RequirementDraft: Sendable, Equatable {
    public var title: String
    public var statement: String
    public var rationale: String
    public var type: String
    public var priority: String
    public var verificationMethods: [String]
    public var source: String
    public var owner: String
    public var tags: [String]
    /// Raw values by attribute name (several for multi-enumerations).
    public var attributes: [String: [String]]

    public init(title: String = "", statement: String = "", rationale: String = "", type: String = "functional",
                priority: String = "medium", verificationMethods: [String] = [], source: String = "", owner: String = "",
                tags: [String] = [], attributes: [String: [String]] = [:])
    {
        self.title = title
        self.statement = statement
        self.rationale = rationale
        self.type = type
        self.priority = priority
        self.verificationMethods = verificationMethods
        self.source = source
        self.owner = owner
        self.tags = tags
        self.attributes = attributes
    }

    /// The draft of an existing requirement's snapshot (for edit forms).
    public init(fields: ArtifactFields, attributes definitions: [AttributeDefinition]) {
        func text(_ name: String) -> String {
            if case .string(let value) = fields[name] { return value }
            return ""
        }
        func list(_ name: String) -> [String] {
            if case .list(let value) = fields[name] { return value }
            return []
        }
        self.init(title: text("title"), statement: text("statement"), rationale: text("rationale"), type: text("type"),
                  priority: text("priority"), verificationMethods: list("verification_methods"), source: text("source"),
                  owner: text("owner"), tags: list("tags"))
        for definition in definitions {
            switch fields[definition.fieldName] {
            case .null: break
            case .list(let values): attributes[definition.name] = values
            case .bool(let value): attributes[definition.name] = [value ? "true" : "false"]
            case let value: attributes[definition.name] = [value.displayText]
            }
        }
    }

    public static let maximumStatement = 20_000

    /// The snapshot fields (without title and status, which the store adds), or every problem at once.
    public func validated(types: [String], attributes definitions: [AttributeDefinition]) throws -> ArtifactFields {
        var errors: [ProblemDetails.FieldError] = []
        func fail(_ field: String, _ reason: String) { errors.append(.init(field: field, reason: reason)) }
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 500 { fail("title", "the title must be 1–500 characters") }
        let statement = self.statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if statement.isEmpty { fail("statement", "the statement is required: what shall the system do?") }
        if statement.count > Self.maximumStatement { fail("statement", "the statement must be at most 20,000 characters") }
        let rationale = self.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        if rationale.count > Self.maximumStatement { fail("rationale", "the rationale must be at most 20,000 characters") }
        if !types.contains(type) { fail("type", "the type must be one of: \(types.joined(separator: ", "))") }
        if RequirementPriority(rawValue: priority) == nil { fail("priority", "the priority must be high, medium or low") }
        let methods = Array(Set(verificationMethods)).sorted()
        for method in methods where VerificationMethod(rawValue: method) == nil {
            fail("verification_methods", "“\(method)” is not a verification method (test, analysis, inspection, demonstration)")
        }
        let source = self.source.trimmingCharacters(in: .whitespacesAndNewlines)
        let owner = self.owner.trimmingCharacters(in: .whitespacesAndNewlines)
        if source.count > 500 { fail("source", "the source must be at most 500 characters") }
        if owner.count > 200 { fail("owner", "the owner must be at most 200 characters") }
        var tags: [String] = []
        for raw in self.tags {
            let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tag.isEmpty else { continue }
            if tag.count > 50 || tag.contains("|") || tag.contains(",") {
                fail("tags", "“\(tag)” is not a valid tag: at most 50 characters, no | or comma")
            } else if !tags.contains(tag) {
                tags.append(tag)
            }
        }
        var fields: ArtifactFields = [
            "statement": .string(statement), "rationale": .string(rationale), "type": .string(type),
            "priority": .string(priority), "verification_methods": .list(methods), "source": .string(source),
            "owner": .string(owner), "tags": .list(tags.sorted()),
        ]
        let known = Set(definitions.map(\.name))
        for name in attributes.keys.sorted() where !known.contains(name) {
            fail("attr.\(name)", "this module has no attribute “\(name)”")
        }
        for definition in definitions {
            let values = (attributes[definition.name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            let field = definition.fieldName
            guard !values.isEmpty else { continue }
            if definition.valueType != .multiEnumeration, values.count > 1 {
                fail(field, "\(definition.label) takes one value")
                continue
            }
            let value = values[0]
            switch definition.valueType {
            case .text:
                if value.count > 10_000 { fail(field, "\(definition.label) must be at most 10,000 characters") }
                fields[field] = .string(value)
            case .number:
                if Self.isDecimal(value) { fields[field] = .decimal(value) } else { fail(field, "\(definition.label) must be a number, e.g. 12 or 0.5") }
            case .date:
                if Self.isDate(value) { fields[field] = .string(value) } else { fail(field, "\(definition.label) must be a date as YYYY-MM-DD") }
            case .boolean:
                switch value.lowercased() {
                case "true", "yes", "on", "1": fields[field] = .bool(true)
                case "false", "no", "off", "0": fields[field] = .bool(false)
                default: fail(field, "\(definition.label) must be yes or no")
                }
            case .enumeration:
                if definition.optionList.contains(value) { fields[field] = .string(value) } else {
                    fail(field, "\(definition.label) must be one of: \(definition.optionList.joined(separator: ", "))")
                }
            case .multiEnumeration:
                let bad = values.filter { !definition.optionList.contains($0) }
                if bad.isEmpty {
                    fields[field] = .list(definition.optionList.filter(values.contains))
                } else {
                    fail(field, "\(definition.label) takes values of: \(definition.optionList.joined(separator: ", ")) (not \(bad.joined(separator: ", ")))")
                }
            }
        }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        return fields
    }

    static func isDecimal(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, rest.count <= 40 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        let calendar = Calendar(identifier: .gregorian)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }
}

/// The module’s name for `FieldsInvalid` (422, each field and why).
public typealias RequirementInvalid = FieldsInvalid
