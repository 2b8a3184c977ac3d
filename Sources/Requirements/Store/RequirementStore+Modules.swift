import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Changing a module after it was created: its name, description and parent expectation, and its custom
/// attribute definitions. The prefix and an attribute's name and type stay: keys and stored snapshots
/// (`attr.<name>`) depend on them.
extension RequirementStore {
    public static func updateModule(_ context: RequirementContext, moduleID: UUID, name: String, description: String,
                                    parentExpected: Bool) async throws -> RequirementModule
    {
        try context.requireRole(.editor, to: "change requirement modules")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 200 { errors.append(.init(field: "name", reason: "the name must be 1–200 characters")) }
        if description.count > 5_000 { errors.append(.init(field: "description", reason: "the description must be at most 5,000 characters")) }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        return try await context.write { writer in
            let db = writer.database
            let module = try await liveModule(moduleID, context, on: db)
            let others = try await RequirementModule.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$deletedAt == nil).filter(\.$id != moduleID).all()
            if others.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                throw RequirementInvalid(field: "name", "a module called “\(name)” already exists")
            }
            let before = ["name": module.name, "description": module.description, "parent_expected": String(module.parentExpected)]
            let after = ["name": name, "description": description, "parent_expected": String(parentExpected)]
            guard before != after else { return module }
            module.name = name
            module.description = description
            module.parentExpected = parentExpected
            try await module.update(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-module.changed", kind: "requirement-module", id: moduleID.uuidString.lowercased(),
                           key: module.prefix, project: context.projectID, before: before, after: after),
                by: context.actor, on: db, at: context.now)
            return module
        }
    }

    /// Deletes an empty module (leads). Its prefix stays reserved, so keys it once gave out are never reused.
    public static func deleteModule(_ context: RequirementContext, moduleID: UUID) async throws {
        try context.requireRole(.lead, to: "delete requirement modules")
        try await context.write { writer in
            let db = writer.database
            let module = try await liveModule(moduleID, context, on: db)
            let items = try await DocumentItem.query(on: db).filter(\.$moduleID == moduleID).count()
            if items > 0 {
                throw RequirementInvalid(field: "module", "\(module.prefix) still holds \(items) sections and requirements; "
                                         + "only an empty module can be deleted")
            }
            module.deletedAt = context.now
            try await module.update(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-module.deleted", kind: "requirement-module", id: moduleID.uuidString.lowercased(),
                           key: module.prefix, project: context.projectID, before: ["name": module.name]),
                by: context.actor, on: db, at: context.now)
        }
    }

    /// A new label, and for enumerations a new list of values. A value still chosen by a requirement cannot be
    /// taken out of the list: the refusal names the requirements that use it.
    public static func updateAttribute(_ context: RequirementContext, attributeID: UUID, label: String, options: [String])
        async throws -> AttributeDefinition
    {
        try context.requireRole(.lead, to: "change module attributes")
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        let options = options.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return try await context.write { writer in
            let db = writer.database
            let definition = try await liveAttribute(attributeID, context, on: db)
            let isEnumeration = definition.valueType == .enumeration || definition.valueType == .multiEnumeration
            var errors: [ProblemDetails.FieldError] = []
            if label.isEmpty || label.count > 100 { errors.append(.init(field: "label", reason: "the label must be 1–100 characters")) }
            if isEnumeration {
                if options.isEmpty { errors.append(.init(field: "options", reason: "an enumeration needs at least one value (one per line)")) }
                if Set(options).count != options.count { errors.append(.init(field: "options", reason: "the values must be different")) }
                if options.contains(where: { $0.count > 200 }) {
                    errors.append(.init(field: "options", reason: "each value must be at most 200 characters"))
                }
                let removed = Set(definition.optionList).subtracting(options)
                if !removed.isEmpty {
                    let users = try await RequirementQueries.attributeValues(moduleID: definition.moduleID, name: definition.name, on: db)
                        .filter { usage in usage.values.contains { removed.contains($0) } }
                    for value in removed.sorted() {
                        let keys = users.filter { $0.values.contains(value) }.map(\.key)
                        if !keys.isEmpty {
                            errors.append(.init(field: "options", reason: "“\(value)” is still chosen by \(describe(keys)); change those first"))
                        }
                    }
                }
            } else if !options.isEmpty {
                errors.append(.init(field: "options", reason: "only enumerations have a list of values"))
            }
            guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
            let before = ["label": definition.label, "options": definition.optionList.joined(separator: ", ")]
            let after = ["label": label, "options": options.joined(separator: ", ")]
            guard before != after else { return definition }
            definition.label = label
            definition.options = isEnumeration ? options.joined(separator: "\n") : ""
            try await definition.update(on: db)
            let module = try await liveModule(definition.moduleID, context, on: db)
            try await AuditLog.record(
                AuditEvent("requirement-attribute.changed", kind: "requirement-attribute", id: attributeID.uuidString.lowercased(),
                           key: "\(module.prefix).\(definition.name)", project: context.projectID, before: before, after: after),
                by: context.actor, on: db, at: context.now)
            return definition
        }
    }

    /// Removes a definition nobody uses any more; values in the current versions must be cleared first (older
    /// versions keep theirs in the history).
    public static func removeAttribute(_ context: RequirementContext, attributeID: UUID) async throws {
        try context.requireRole(.lead, to: "remove module attributes")
        try await context.write { writer in
            let db = writer.database
            let definition = try await liveAttribute(attributeID, context, on: db)
            let users = try await RequirementQueries.attributeValues(moduleID: definition.moduleID, name: definition.name, on: db)
            if !users.isEmpty {
                throw RequirementInvalid(field: "attribute",
                                         "“\(definition.label)” still has a value in \(describe(users.map(\.key))); clear those first")
            }
            let module = try await liveModule(definition.moduleID, context, on: db)
            try await definition.delete(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-attribute.removed", kind: "requirement-attribute", id: attributeID.uuidString.lowercased(),
                           key: "\(module.prefix).\(definition.name)", project: context.projectID,
                           before: ["label": definition.label, "type": definition.valueType.rawValue,
                                    "options": definition.optionList.joined(separator: ", ")]),
                by: context.actor, on: db, at: context.now)
        }
    }

    static func liveAttribute(_ id: UUID, _ context: RequirementContext, on db: any Database) async throws -> AttributeDefinition {
        guard let definition = try await AttributeDefinition.query(on: db).filter(\.$id == id)
            .filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such module attribute in this project.") }
        return definition
    }

    /// "SYS-REQ-001, SYS-REQ-004 and 3 more requirements"
    static func describe(_ keys: [String]) -> String {
        let sorted = keys.sorted()
        let shown = sorted.prefix(5).joined(separator: ", ")
        return sorted.count > 5 ? "\(shown) and \(sorted.count - 5) more requirements" : shown
    }
}
