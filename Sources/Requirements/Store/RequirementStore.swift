import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Every write of the requirements module: modules, attributes, sections, requirements and their lifecycle,
/// document order, comments, links and suspect clearing. Each call is one transaction through
/// `ArtifactWriter`, so the artifact version, the document row, the search index and the audit rows commit
/// or roll back together.
public enum RequirementStore {
    // MARK: modules

    public static func createModule(_ context: RequirementContext, name: String, prefix: String, description: String,
                                    parentExpected: Bool) async throws -> RequirementModule
    {
        try context.requireRole(.editor, to: "create requirement modules")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = prefix.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 200 { errors.append(.init(field: "name", reason: "the name must be 1–200 characters")) }
        if !isValidPrefix(prefix) {
            errors.append(.init(field: "prefix", reason: "the prefix must be 1–12 capital letters or digits, starting with a letter (e.g. SYS)"))
        }
        if description.count > 5_000 { errors.append(.init(field: "description", reason: "the description must be at most 5,000 characters")) }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        return try await context.write { writer in
            let db = writer.database
            let existing = try await RequirementModule.query(on: db).filter(\.$projectID == context.projectID).all()
            if existing.contains(where: { $0.prefix == prefix }) {
                throw RequirementInvalid(field: "prefix", "the prefix \(prefix) is already used by another module")
            }
            if existing.contains(where: { $0.name.lowercased() == name.lowercased() && $0.deletedAt == nil }) {
                throw RequirementInvalid(field: "name", "a module called “\(name)” already exists")
            }
            let module = RequirementModule()
            module.id = UUID()
            module.projectID = context.projectID
            module.name = name
            module.prefix = prefix
            module.description = description
            module.parentExpected = parentExpected
            module.position = (existing.map(\.position).max() ?? -1) + 1
            module.createdAt = context.now
            try await module.create(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-module.created", kind: "requirement-module", id: module.id?.uuidString.lowercased(),
                           key: prefix, project: context.projectID, after: ["name": name, "prefix": prefix]),
                by: context.actor, on: db, at: context.now)
            return module
        }
    }

    static func isValidPrefix(_ prefix: String) -> Bool {
        guard let first = prefix.first, first.isASCII, first.isLetter, prefix.count <= 12 else { return false }
        return prefix.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    public static func defineAttribute(_ context: RequirementContext, moduleID: UUID, name: String, label: String,
                                       type: AttributeDefinition.ValueType, options: [String]) async throws
        -> AttributeDefinition
    {
        try context.requireRole(.lead, to: "define module attributes")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        let options = options.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 40 || !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
            errors.append(.init(field: "name", reason: "the name must be 1–40 lower-case letters, digits, - or _"))
        }
        if label.isEmpty || label.count > 100 { errors.append(.init(field: "label", reason: "the label must be 1–100 characters")) }
        let isEnumeration = type == .enumeration || type == .multiEnumeration
        if isEnumeration && options.isEmpty {
            errors.append(.init(field: "options", reason: "an enumeration needs at least one value (one per line)"))
        }
        if Set(options).count != options.count { errors.append(.init(field: "options", reason: "the values must be different")) }
        if options.contains(where: { $0.count > 200 }) { errors.append(.init(field: "options", reason: "each value must be at most 200 characters")) }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        return try await context.write { writer in
            let module = try await liveModule(moduleID, context, on: writer.database)
            let existing = try await AttributeDefinition.query(on: writer.database).filter(\.$moduleID == moduleID).all()
            if existing.contains(where: { $0.name == name }) {
                throw RequirementInvalid(field: "name", "\(module.prefix) already has an attribute “\(name)”")
            }
            let definition = AttributeDefinition()
            definition.id = UUID()
            definition.projectID = context.projectID
            definition.moduleID = moduleID
            definition.name = name
            definition.label = label
            definition.valueType = type
            definition.options = isEnumeration ? options.joined(separator: "\n") : ""
            definition.position = (existing.map(\.position).max() ?? -1) + 1
            try await definition.create(on: writer.database)
            try await AuditLog.record(
                AuditEvent("requirement-attribute.created", kind: "requirement-attribute", id: definition.id?.uuidString.lowercased(),
                           key: "\(module.prefix).\(name)", project: context.projectID,
                           after: ["label": label, "type": type.rawValue, "options": options.joined(separator: ", ")]),
                by: context.actor, on: writer.database, at: context.now)
            return definition
        }
    }

    // MARK: settings

    /// `coverage` holds the coverage definitions' fields (`CoverageDefinitions.entries`); nil keeps the saved ones.
    public static func saveSettings(_ context: RequirementContext, types: [String], disabledRules: Set<String>,
                                    coverage: [(label: String, parts: [String])]? = nil) async throws
    {
        try context.requireRole(.lead, to: "change requirement settings")
        let types = types.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var errors: [ProblemDetails.FieldError] = []
        if types.isEmpty { errors.append(.init(field: "types", reason: "keep at least one requirement type")) }
        if types.contains(where: { $0.count > 40 || $0.contains("|") }) {
            errors.append(.init(field: "types", reason: "each type must be at most 40 characters, without |"))
        }
        if Set(types).count != types.count { errors.append(.init(field: "types", reason: "the types must be different")) }
        let unknown = disabledRules.filter { QualityChecker.rule($0) == nil }
        if !unknown.isEmpty { errors.append(.init(field: "disabled_rules", reason: "unknown rules: \(unknown.sorted().joined(separator: ", "))")) }
        var validated: [TraceQueries.CoverageQuestion]?
        if let coverage {
            do { validated = try CoverageDefinitions.validate(coverage, registry: context.registry) } catch let invalid as RequirementInvalid {
                errors.append(contentsOf: invalid.errors)
            }
        }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        let questions = validated
        try await context.database.transaction { db in
            let settings = try await RequirementSettings.of(context.projectID, on: db)
            let before = ["types": settings.typeList.joined(separator: ", "), "disabled_rules": settings.disabledRuleSet.sorted().joined(separator: ", "),
                          "coverage": CoverageDefinitions.format(settings.coverageQuestions)]
            settings.types = types.joined(separator: "\n")
            settings.disabledRules = disabledRules.sorted().joined(separator: "\n")
            if let questions { settings.coverage = CoverageDefinitions.format(questions) }
            try await settings.save(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-settings.changed", kind: "requirement-settings", id: context.projectID.uuidString.lowercased(),
                           project: context.projectID, before: before,
                           after: ["types": types.joined(separator: ", "), "disabled_rules": disabledRules.sorted().joined(separator: ", "),
                                   "coverage": CoverageDefinitions.format(settings.coverageQuestions)]),
                by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    /// The project's trigger fields of requirements and sections (leads), all kinds in one transaction.
    public static func setTriggerFields(_ context: RequirementContext, _ fields: [String: [String]]) async throws {
        try context.requireRole(.lead, to: "choose suspect link triggers")
        try await context.write { writer in
            for kind in fields.keys.sorted() {
                do {
                    try await writer.setTriggerFields(of: kind, to: fields[kind] ?? [])
                } catch let refusal as ArtifactRefusal {
                    let label = context.registry.kind(kind)?.label ?? kind
                    throw ArtifactRefusal(refusal.status, field: refusal.field, "\(label): \(refusal.reason)")
                }
            }
        }
    }

    static func liveModule(_ id: UUID, _ context: RequirementContext, on db: any Database) async throws -> RequirementModule {
        guard let module = try await RequirementModule.query(on: db).filter(\.$id == id)
            .filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil).first()
        else { throw Abort(.notFound, reason: "There is no such requirement module in this project.") }
        return module
    }

    static func liveItem(_ id: UUID, _ context: RequirementContext, on db: any Database,
                         type: DocumentItem.ItemType? = nil) async throws -> DocumentItem
    {
        guard let item = try await DocumentItem.query(on: db).filter(\.$id == id)
            .filter(\.$projectID == context.projectID).first(), type.map({ $0 == item.itemType }) ?? true
        else { throw Abort(.notFound, reason: "There is no such \(type?.rawValue ?? "item") in this project.") }
        return item
    }

    static func parentItem(_ id: UUID?, module: RequirementModule, placing type: DocumentItem.ItemType,
                           on db: any Database) async throws -> DocumentItem?
    {
        guard let id else { return nil }
        guard let parent = try await DocumentItem.query(on: db).filter(\.$id == id).filter(\.$moduleID == (try module.requireID())).first()
        else { throw RequirementInvalid(field: "parent", "the parent is not in module \(module.prefix)") }
        if type == .section && parent.itemType == .requirement {
            throw RequirementInvalid(field: "parent", "a section cannot go under a requirement")
        }
        return parent
    }

    static func attributes(of moduleID: UUID, on db: any Database) async throws -> [AttributeDefinition] {
        try await AttributeDefinition.query(on: db).filter(\.$moduleID == moduleID).sort(\.$position).all()
    }

    static func children(module: UUID, parent: UUID?, on db: any Database) async throws -> [DocumentItem] {
        try await DocumentItem.query(on: db).filter(\.$moduleID == module).filter(\.$parentID == parent)
            .sort(\.$position).all()
    }

    static func siblingCount(module: UUID, parent: UUID?, on db: any Database) async throws -> Int {
        try await DocumentItem.query(on: db).filter(\.$moduleID == module).filter(\.$parentID == parent).count()
    }

    static func closeGap(module: UUID, parent: UUID?, after position: Int, on db: any Database) async throws {
        try await renumber(children(module: module, parent: parent, on: db), on: db)
    }

    static func currentFields(_ id: UUID, on db: any Database) async throws -> ArtifactFields {
        guard let artifact = try await Artifact.find(id, on: db) else { throw Abort(.notFound) }
        return try await ArtifactQueries.version(id, artifact.version, on: db).fields()
    }

    static func versionOf(_ id: UUID, on db: any Database) async throws -> Int {
        guard let artifact = try await Artifact.find(id, on: db) else { throw Abort(.notFound) }
        return artifact.version
    }

    static func keyOf(_ id: UUID, on db: any Database) async throws -> String? {
        try await Artifact.find(id, on: db)?.key
    }

    static func artifactID(key: String, field: String, _ context: RequirementContext, on db: any Database) async throws -> UUID {
        guard let artifact = try await ArtifactQueries.artifact(key: key, projectID: context.projectID, on: db),
            artifact.deletedAt == nil, let id = artifact.id
        else { throw RequirementInvalid(field: field, "there is no artifact \(key) in this project") }
        return id
    }

    /// Copies the snapshot's list and search columns into the document row and the search index.
    static func sync(_ item: DocumentItem, artifact: Artifact, fields: ArtifactFields, on db: any Database,
                     isNew: Bool = false) async throws
    {
        fill(item, artifact: artifact, fields: fields)
        if isNew { try await item.create(on: db) } else { try await item.save(on: db) }
        let sql = db as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            let id = try item.requireID()
            try await removeFromSearch(id, on: db)
            try await sql.raw("INSERT INTO requirement_search (artifact_id, body) VALUES (\(bind: id), \(bind: item.searchText))").run()
        }
    }

    /// The snapshot's list and search columns, copied into the document row (not stored).
    static func fill(_ item: DocumentItem, artifact: Artifact, fields: ArtifactFields) {
        func text(_ name: String) -> String { if case .string(let value) = fields[name] { value } else { "" } }
        let statement = item.itemType == .section ? text("text") : text("statement")
        item.status = text("status")
        item.requirementType = text("type")
        item.priority = text("priority")
        if case .list(let tags) = fields["tags"] { item.tags = DocumentItem.joined(tags) } else { item.tags = "" }
        item.statement = statement
        item.findings = item.itemType == .requirement
            ? DocumentItem.joined(Array(Set(QualityChecker().check(statement).map(\.ruleID))).sorted()) : ""
        item.searchText = [artifact.key, artifact.title, statement].joined(separator: " ")
    }

    /// Stores new document rows filled by `fill` (in any order: `parent_id` is no foreign key) and their search entries, in
    /// batched statements: an import brings thousands.
    static func createMany(_ items: [DocumentItem], on db: any Database) async throws {
        for start in stride(from: 0, to: items.count, by: 200) {
            try await Array(items[start..<min(start + 200, items.count)]).create(on: db)
        }
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        for start in stride(from: 0, to: items.count, by: 500) {
            let insert = sql.insert(into: "requirement_search").columns("artifact_id", "body")
            for item in items[start..<min(start + 500, items.count)] {
                insert.values(SQLBind(try item.requireID()), SQLBind(item.searchText))
            }
            try await insert.run()
        }
    }

    static func removeFromSearch(_ id: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DELETE FROM requirement_search WHERE artifact_id = \(bind: id)").run()
    }
}
