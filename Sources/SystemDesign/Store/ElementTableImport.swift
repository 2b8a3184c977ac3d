import Artifacts
import Fluent
import Foundation
import Governance
import Interchange
import Platform
import TraceEngine
import Vapor

/// Elements from a CSV or XLSX sheet (columns key, title, level, parent, status, description, owner — the
/// export's columns; owner is a delivery organisation's code). Rows are matched by key, so a re-import of an edited export updates in place; columns a sheet leaves
/// out (status, description, parent) keep their values; a row without a key is a new element. Every row is
/// checked before anything is written, and the whole sheet is applied in one transaction: all or nothing.
public enum ElementTableImport {
    public static let columns = ["key", "title", "level", "parent", "status", "description", "owner"]

    public struct Report: Sendable, Equatable {
        /// Keys of new elements (`row N` for rows without a key on a dry run).
        public var created: [String] = []
        /// Keys of changed elements with the fields that change.
        public var changed: [Change] = []
        public var unchanged: [String] = []
    }

    public struct Change: Sendable, Equatable {
        public let key: String
        public let fields: [String]
        public init(key: String, fields: [String]) {
            self.key = key
            self.fields = fields
        }
    }

    /// One checked row.
    struct Line {
        let number: Int
        let key: String?
        let draft: ElementDraft
        let parentKey: String?
        /// Fields the sheet says something about; an existing element keeps the others (a sheet without a status
        /// column, or with an empty status cell, does not reset statuses).
        let given: Set<String>
    }

    public static func run(_ context: ArtifactContext, table: CSVTable, file: String, dryRun: Bool) async throws -> Report {
        try context.requireRole(.editor, to: "import system elements")
        if dryRun {
            let lines = try await check(table, file: file, context: context, on: context.database)
            return try await apply(lines.lines, existing: lines.existing, writer: nil, context: context)
        }
        return try await context.write { writer in
            let lines = try await check(table, file: file, context: context, on: writer.database)
            return try await apply(lines.lines, existing: lines.existing, writer: writer, context: context)
        }
    }

    static func check(_ table: CSVTable, file: String, context: ArtifactContext, on db: any Database) async throws
        -> (lines: [Line], existing: [SystemElementQueries.Row])
    {
        let settings = try await SystemDesignSettings.of(context.projectID, on: db)
        let existing = try await SystemElementQueries.all(projectID: context.projectID, on: db)
        let organisations = Set(try await GovernanceQueries.organisations(projectID: context.projectID, on: db).map(\.code))
        return (try check(table, file: file, levels: settings.levelList, existing: existing, organisations: organisations), existing)
    }

    // MARK: checking

    static func check(_ table: CSVTable, file: String, levels: [String], existing: [SystemElementQueries.Row],
                      organisations: Set<String> = []) throws -> [Line] {
        let header = table.header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var errors: [TableError] = []
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            guard columns.contains(name) else {
                errors.append(TableError(file: file, row: 1, column: i + 1, "unknown column “\(table.header[i])” (columns: \(columns.joined(separator: ", ")))"))
                continue
            }
            if index[name] != nil { errors.append(TableError(file: file, row: 1, column: i + 1, "the column “\(name)” appears twice")) }
            index[name] = i
        }
        for required in ["title", "level"] where index[required] == nil {
            errors.append(TableError(file: file, row: 1, "the column “\(required)” is missing"))
        }
        guard errors.isEmpty else { throw ElementImportInvalid(errors) }
        let existingKeys = Set(existing.map(\.key))
        var lines: [Line] = []
        var seen: [String: Int] = [:]
        for (offset, cells) in table.rows.enumerated() {
            let number = offset + 2
            func cell(_ name: String) -> String {
                guard let i = index[name], i < cells.count else { return "" }
                return CSVTable.unprotected(cells[i]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func fail(_ name: String, _ reason: String) {
                errors.append(TableError(file: file, row: number, column: index[name].map { $0 + 1 }, "\(name): \(reason)"))
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let key = cell("key")
            if !key.isEmpty {
                if !ArtifactKey.isValid(key) { fail("key", "“\(key)” is not a valid key (letters, digits, - _ . only)") }
                if let first = seen[key] { fail("key", "\(key) appears again (first in row \(first))") }
                seen[key] = number
            }
            let statusText = cell("status").lowercased()
            var status = SystemElement.Status.proposed
            if !statusText.isEmpty {
                if let parsed = SystemElement.Status(rawValue: statusText) { status = parsed } else {
                    fail("status", "“\(statusText)” is not a status (\(SystemElement.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            let owner = cell("owner").uppercased()
            if !owner.isEmpty && !organisations.contains(owner) {
                fail("owner", "there is no delivery organisation “\(owner)” in the project")
            }
            var draft = ElementDraft(title: cell("title"), description: cell("description"), level: cell("level"), status: status,
                                     owner: owner)
            do { draft = try draft.validated(levels: levels) } catch let invalid as FieldsInvalid {
                for error in invalid.errors { fail(error.field, error.reason) }
            }
            let parent = cell("parent")
            if !parent.isEmpty && parent == key { fail("parent", "\(key) cannot be its own parent") }
            var given: Set<String> = ["title", "level"]
            if !statusText.isEmpty { given.insert("status") }
            if index["description"] != nil { given.insert("description") }
            if index["parent"] != nil { given.insert("parent") }
            if index["owner"] != nil { given.insert("owner") }
            lines.append(Line(number: number, key: key.isEmpty ? nil : key, draft: draft, parentKey: parent.isEmpty ? nil : parent,
                              given: given))
        }
        let fileKeys = Set(lines.compactMap(\.key))
        for line in lines {
            if let parent = line.parentKey, !existingKeys.contains(parent) && !fileKeys.contains(parent) {
                errors.append(TableError(file: file, row: line.number, column: index["parent"].map { $0 + 1 },
                                         "parent: there is no element \(parent) in the project or the file"))
            }
        }
        // The tree after the import must have no cycle: rows override the project's parents.
        if errors.isEmpty {
            var parents: [String: String] = [:]
            let keyOf = Dictionary(existing.map { ($0.id, $0.key) }, uniquingKeysWith: { a, _ in a })
            for row in existing { if let p = row.parentID, let key = keyOf[p] { parents[row.key] = key } }
            for line in lines { if let key = line.key { parents[key] = line.parentKey } }
            let keys = Set(existing.map(\.key)).union(lines.compactMap(\.key))
            let depths = ElementTree.depths(parents, elements: Array(keys))
            for line in lines { if let key = line.key, depths[key] == nil {
                errors.append(TableError(file: file, row: line.number, column: index["parent"].map { $0 + 1 },
                                         "parent: \(key) would end up below itself (a cycle of parents)"))
            } }
        }
        guard errors.isEmpty else { throw ElementImportInvalid(errors) }
        return lines
    }

    // MARK: applying

    /// Applies checked lines with `writer`, or only reports what would change when it is nil (a dry run).
    static func apply(_ lines: [Line], existing: [SystemElementQueries.Row], writer: ArtifactWriter?,
                      context: ArtifactContext) async throws -> Report
    {
        let db = writer?.database ?? context.database
        let byKey = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var ids = byKey.mapValues(\.id)
        var report = Report()
        // Parents first: rows whose parent is another new row wait until that row exists.
        var pending = lines
        while !pending.isEmpty {
            let ready = pending.filter { line in line.parentKey.map { ids[$0] != nil } ?? true }
            guard !ready.isEmpty else { throw FieldsInvalid(field: "parent", "the parents in the file form a cycle") }
            pending.removeAll { line in ready.contains { $0.number == line.number } }
            for line in ready {
                var parentID = line.parentKey.flatMap { ids[$0] }
                if let key = line.key, let current = byKey[key] {
                    let fields = try await ArtifactQueries.version(current.id, current.version, on: db).fields()
                    let before = ElementDraft(fields: fields, title: current.title)
                    var draft = line.draft
                    if !line.given.contains("status") { draft.status = before.status }
                    if !line.given.contains("description") { draft.description = before.description }
                    if !line.given.contains("parent") { parentID = current.parentID }
                    if !line.given.contains("owner") { draft.owner = before.owner }
                    var changed: [String] = []
                    if before.title != draft.title { changed.append("title") }
                    if before.description != draft.description { changed.append("description") }
                    if before.level != draft.level { changed.append("level") }
                    if before.status != draft.status { changed.append("status") }
                    if before.owner != draft.owner { changed.append("owner") }
                    if current.parentID != parentID { changed.append("parent") }
                    guard !changed.isEmpty else { report.unchanged.append(key); continue }
                    report.changed.append(Change(key: key, fields: changed))
                    if let writer {
                        _ = try await SystemElementStore.save(writer, id: current.id, expectedVersion: current.version,
                                                              draft: draft, parent: .set(parentID), context: context)
                    }
                } else if let writer {
                    let artifact = try await SystemElementStore.insert(writer, draft: line.draft, parentID: parentID,
                                                                       key: line.key, context: context)
                    report.created.append(artifact.key)
                    if let key = line.key { ids[key] = try artifact.requireID() }
                } else {
                    report.created.append(line.key ?? "row \(line.number)")
                    if let key = line.key { ids[key] = UUID() }
                }
            }
        }
        return report
    }

    /// The project's elements as a sheet with the import's columns, in tree order.
    public static func table(projectID: UUID, on db: any Database) async throws -> CSVTable {
        let rows = try await SystemElementQueries.tree(projectID: projectID, on: db)
        let keys = Dictionary(rows.map { ($0.element.id, $0.element.key) }, uniquingKeysWith: { a, _ in a })
        return CSVTable(header: columns, rows: rows.map { row in
            let e = row.element
            return [e.key, e.title, e.level, e.parentID.flatMap { keys[$0] } ?? "", e.status.rawValue, e.description, e.ownerCode]
        })
    }
}

/// Every problem of an element sheet (the shared sheet refusal: file, row, column and why; nothing stored).
public typealias ElementImportInvalid = SheetImportInvalid
