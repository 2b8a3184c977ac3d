import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// A module as a table (CSV): one row per section or requirement in document order, a column per field and
/// custom attribute. Import matches rows to items by key (an empty key creates), validates every row as the
/// forms do, and reports every problem with its row and column before anything is written; the dry run is
/// the same comparison as a ReqIF import's. Fields the table has no column for are never touched.
public enum RequirementTable {
    public static let columns = ["key", "kind", "parent", "title", "statement", "rationale", "type", "priority", "status",
                                 "verification_methods", "source", "owner", "tags"]
    /// Shown, not imported: statuses move through the lifecycle, parents through moves.
    static let readOnly: Set<String> = ["status"]

    /// Many problems at once, each with row and column.
    public struct Problems: Error, Sendable, CustomStringConvertible {
        public let errors: [TableError]
        public var description: String { errors.map(\.description).joined(separator: "\n") }
    }

    // MARK: export

    public static func export(module: RequirementModule, on db: any Database) async throws -> CSVTable {
        let moduleID = try module.requireID()
        let attributes = try await RequirementStore.attributes(of: moduleID, on: db)
        let items = try await DocumentItem.query(on: db).filter(\.$moduleID == moduleID).all()
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ items.compactMap(\.id)).all()
        let byID = Dictionary(uniqueKeysWithValues: artifacts.compactMap { artifact in artifact.id.map { ($0, artifact) } })
        let children = Dictionary(grouping: items, by: \.parentID).mapValues { $0.sorted { $0.position < $1.position } }
        var rows: [[String]] = []
        func walk(_ parent: UUID?) async throws {
            for item in children[parent] ?? [] {
                guard let id = item.id, let artifact = byID[id] else { continue }
                let fields = try await ArtifactQueries.version(id, artifact.version, on: db).fields()
                func text(_ name: String) -> String {
                    switch fields[name] {
                    case .null: ""
                    case .list(let values): values.joined(separator: "; ")
                    case .bool(let flag): flag ? "yes" : "no"
                    case .string(let value), .decimal(let value): value
                    case .int(let value): String(value)
                    }
                }
                var row = [artifact.key, item.itemType.rawValue, item.parentID.flatMap { byID[$0]?.key } ?? "", artifact.title]
                row += item.itemType == .section ? [text("text"), "", "", "", "", "", "", "", ""]
                    : ["statement", "rationale", "type", "priority", "status", "verification_methods", "source", "owner", "tags"].map(text)
                row += attributes.map { text($0.fieldName) }
                rows.append(row)
                try await walk(id)
            }
        }
        try await walk(nil)
        return CSVTable(header: columns + headers(attributes), rows: rows)
    }

    /// Attribute columns by label, unless the label is a field's name or another attribute's: then `attr.<name>`.
    static func headers(_ attributes: [AttributeDefinition]) -> [String] {
        let labels = attributes.map { $0.label.lowercased() }
        return attributes.map { attribute in
            let label = attribute.label.lowercased()
            let clashes = columns.contains(normalised(attribute.label)) || labels.filter { $0 == label }.count > 1
                || attributes.contains { $0.name == label && $0.id != attribute.id }
            return clashes ? attribute.fieldName : attribute.label
        }
    }

    static func normalised(_ title: String) -> String {
        title.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    // MARK: import

    struct Row {
        var number: Int
        var cells: [String: (column: Int, value: String)]
        var existing: (artifact: Artifact, item: DocumentItem, fields: ArtifactFields)?
        var type: DocumentItem.ItemType
        var title: String
        var fields: ArtifactFields
        var parent: UUID?
    }

    /// The dry run.
    public static func preview(_ context: RequirementContext, module: RequirementModule, table: CSVTable, file: String) async throws
        -> ReqIFImporter.Preview
    {
        try context.requireRole(.editor, to: "import requirements")
        return try await compare(context, module: module, table: table, file: file, on: context.database).preview
    }

    /// Applies the table in one transaction: every row or none.
    @discardableResult
    public static func apply(_ context: RequirementContext, module: RequirementModule, table: CSVTable, file: String) async throws
        -> ReqIFImporter.Preview
    {
        try context.requireRole(.editor, to: "import requirements")
        return try await context.write { writer in
            let db = writer.database
            var (rows, preview) = try await compare(context, module: module, table: table, file: file, on: db)
            let moduleID = try module.requireID()
            let triggers = try await writer.triggerFields(of: RequirementKinds.requirement)
            for (index, row) in rows.enumerated() {
                if let existing = row.existing {
                    guard !existing.fields.changes(to: row.fields).isEmpty else { continue }
                    var fields = row.fields
                    let status = RequirementStatus(rawValue: existing.fields["status"].displayText)
                    if existing.item.itemType == .requirement, status == .approved,
                        !Set(existing.fields.changes(to: fields)).isDisjoint(with: triggers)
                    {
                        fields["status"] = .string(RequirementStatus.inReview.rawValue)
                    }
                    let artifact = try await writer.update(try existing.artifact.requireID(), expectedVersion: existing.artifact.version,
                                                           title: row.title, fields: fields)
                    try await RequirementStore.sync(existing.item, artifact: artifact, fields: fields, on: db)
                } else {
                    let kind = row.type == .requirement ? RequirementKinds.requirement : RequirementKinds.section
                    let pattern = row.type == .requirement ? RequirementKinds.requirementPattern(prefix: module.prefix)
                        : RequirementKinds.sectionPattern(prefix: module.prefix)
                    let artifact = try await writer.create(kind: kind.id, title: row.title, fields: row.fields, keyPattern: pattern)
                    let item = DocumentItem()
                    item.id = try artifact.requireID()
                    item.projectID = context.projectID
                    item.moduleID = moduleID
                    item.parentID = row.parent
                    item.position = try await RequirementStore.siblingCount(module: moduleID, parent: row.parent, on: db)
                    item.itemType = row.type
                    try await RequirementStore.sync(item, artifact: artifact, fields: row.fields, on: db, isNew: true)
                    rows[index].existing = (artifact, item, row.fields)
                    preview.items[index].key = artifact.key // one preview line per row, in row order
                }
            }
            try await AuditLog.record(
                AuditEvent("requirements.table-imported", kind: "requirement-module", id: moduleID.uuidString.lowercased(), key: module.prefix,
                           project: context.projectID,
                           after: ["file": String(file.prefix(200)), "new": String(preview.count(.new)), "changed": String(preview.count(.changed))]),
                by: context.actor, on: db, at: context.now)
            return preview
        }
    }

    static func compare(_ context: RequirementContext, module: RequirementModule, table: CSVTable, file: String, on db: any Database)
        async throws -> (rows: [Row], preview: ReqIFImporter.Preview)
    {
        let moduleID = try module.requireID()
        let attributes = try await RequirementStore.attributes(of: moduleID, on: db)
        let settings = try await RequirementSettings.of(context.projectID, on: db)
        var errors: [TableError] = []
        var preview = ReqIFImporter.Preview()
        preview.modules = [.init(identifier: module.prefix, name: module.name, prefix: module.prefix, isNew: false)]
        // Columns: a field name, or an attribute's name or label.
        var targets: [Int: String] = [:]
        for (index, title) in table.header.enumerated() {
            let normal = normalised(title)
            if let attribute = attributes.first(where: { $0.fieldName == title }) {
                targets[index] = attribute.fieldName
            } else if columns.contains(normal) {
                targets[index] = normal
            } else if let attribute = attributes.first(where: { $0.name == title.lowercased() || $0.label.lowercased() == title.lowercased() }) {
                targets[index] = attribute.fieldName
            } else if !title.isEmpty {
                errors.append(TableError(file: file, row: 1, column: index + 1,
                                         "“\(title)” is neither a requirement field (\(columns.joined(separator: ", "))) nor an attribute of \(module.prefix)"))
            }
        }
        if Set(targets.values).count != targets.count {
            errors.append(TableError(file: file, row: 1, "two columns name the same field"))
        }
        if !targets.values.contains("title") { errors.append(TableError(file: file, row: 1, "the table needs a title column")) }
        guard errors.isEmpty else { throw Problems(errors: errors) }
        if targets.values.contains(where: readOnly.contains) {
            preview.warnings.append("the status column is not imported: statuses change through the lifecycle (draft → in review → approved)")
        }
        let items = try await DocumentItem.query(on: db).filter(\.$moduleID == moduleID).all()
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ items.compactMap(\.id)).filter(\.$deletedAt == nil).all()
        let byKey = Dictionary(artifacts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let itemByID = Dictionary(uniqueKeysWithValues: items.compactMap { item in item.id.map { ($0, item) } })
        var rows: [Row] = []
        var seenKeys: Set<String> = []
        for (index, cells) in table.rows.enumerated() where !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let number = index + 2
            var mapped: [String: (column: Int, value: String)] = [:]
            for (column, target) in targets where column < cells.count {
                mapped[target] = (column + 1, CSVTable.unprotected(cells[column]).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            func fail(_ target: String, _ reason: String) {
                errors.append(TableError(file: file, row: number, column: mapped[target]?.column, reason))
            }
            let key = mapped["key"]?.value ?? ""
            var existing: (artifact: Artifact, item: DocumentItem, fields: ArtifactFields)?
            if !key.isEmpty {
                guard !seenKeys.contains(key) else { fail("key", "\(key) appears in an earlier row too"); continue }
                seenKeys.insert(key)
                guard let artifact = byKey[key], let id = artifact.id, let item = itemByID[id] else {
                    fail("key", "\(key) is not in module \(module.prefix); leave the key empty to create a new item")
                    continue
                }
                existing = (artifact, item, try await ArtifactQueries.version(id, artifact.version, on: db).fields())
            }
            let kindText = (mapped["kind"]?.value ?? "").lowercased()
            let type: DocumentItem.ItemType
            if let existing { type = existing.item.itemType } else if kindText.isEmpty || kindText == "requirement" { type = .requirement }
            else if kindText == "section" { type = .section } else { fail("kind", "the kind must be requirement or section"); continue }
            if let existing, !kindText.isEmpty, kindText != existing.item.itemType.rawValue {
                fail("kind", "\(key) is a \(existing.item.itemType.rawValue); the kind of an item cannot change"); continue
            }
            var parent: UUID?
            if existing == nil, let parentKey = mapped["parent"]?.value, !parentKey.isEmpty {
                guard let artifact = byKey[parentKey], let id = artifact.id, let parentItem = itemByID[id],
                    !(type == .section && parentItem.itemType == .requirement)
                else { fail("parent", "\(parentKey) is no section or requirement of \(module.prefix) that can hold this \(type.rawValue)"); continue }
                parent = id
            }
            let current = existing?.fields ?? [:]
            func value(_ target: String, _ fallback: String) -> String { mapped[target]?.value ?? fallback }
            let title = value("title", current["title"].displayText == "—" ? "" : current["title"].displayText)
            if title.isEmpty || title.count > 500 { fail("title", "the title must be 1–500 characters"); continue }
            var fields: ArtifactFields
            if type == .section {
                let text = value("statement", (existing?.fields["text"]).map { $0 == .null ? "" : $0.displayText == "—" ? "" : $0.displayText } ?? "")
                // Sections have no attribute columns of their own: values they carry (from a ReqIF import) stay.
                fields = ArtifactFields(current.values.filter { $0.key.hasPrefix("attr.") })
                fields["text"] = .string(text)
            } else {
                var draft = existing.map { RequirementDraft(fields: $0.fields, attributes: attributes) } ?? RequirementDraft(type: settings.typeList.first ?? "functional")
                draft.title = title
                if let cell = mapped["statement"] { draft.statement = cell.value }
                if let cell = mapped["rationale"] { draft.rationale = cell.value }
                if let cell = mapped["type"], !cell.value.isEmpty { draft.type = cell.value }
                if let cell = mapped["priority"], !cell.value.isEmpty { draft.priority = cell.value.lowercased() }
                if let cell = mapped["verification_methods"] { draft.verificationMethods = list(cell.value).map { $0.lowercased() } }
                if let cell = mapped["source"] { draft.source = cell.value }
                if let cell = mapped["owner"] { draft.owner = cell.value }
                if let cell = mapped["tags"] { draft.tags = list(cell.value) }
                for attribute in attributes {
                    guard let cell = mapped[attribute.fieldName] else { continue }
                    draft.attributes[attribute.name] = attribute.valueType == .multiEnumeration ? list(cell.value, commas: false) : [cell.value]
                }
                var types = settings.typeList
                if case .string(let old) = current["type"], !types.contains(old) { types.append(old) }
                // An imported requirement without a statement (a ReqIF object with no text) may stay so until
                // someone writes one; the sheet need not invent it.
                let keepsEmpty = existing != nil && current["statement"] == .string("")
                    && draft.statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                if keepsEmpty { draft.statement = "-" }
                do {
                    fields = try draft.validated(types: types, attributes: attributes)
                    if keepsEmpty { fields["statement"] = .string("") }
                } catch let invalid as RequirementInvalid {
                    for error in invalid.errors {
                        fail(error.field, error.reason)
                    }
                    continue
                }
                fields["status"] = current["status"] == .null ? .string(RequirementStatus.draft.rawValue) : current["status"]
            }
            // Fields a table has no column for (ReqIF originals) stay while the text they belong to is unchanged.
            fields = ImportedFields.carry(from: current, currentTitle: current["title"].displayText, into: fields, title: title)
            var snapshot = fields
            snapshot["title"] = .string(title)
            let changes = existing.map { $0.fields.changes(to: snapshot) } ?? []
            preview.items.append(ReqIFImporter.ItemChange(
                objectIdentifier: "row \(number)", key: existing?.artifact.key, title: title, module: module.name,
                state: existing == nil ? .new : changes.isEmpty ? .unchanged : .changed,
                changes: changes.map { .init(field: $0, before: current[$0].displayText, after: snapshot[$0].displayText) }, moved: false))
            rows.append(Row(number: number, cells: mapped, existing: existing, type: type, title: title, fields: snapshot, parent: parent))
        }
        guard errors.isEmpty else { throw Problems(errors: errors) }
        return (rows, preview)
    }

    /// "a; b" (or "a, b" where values cannot hold commas) → ["a", "b"].
    static func list(_ text: String, commas: Bool = true) -> [String] {
        text.split(whereSeparator: { $0 == ";" || (commas && $0 == ",") }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
