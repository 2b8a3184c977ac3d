import Artifacts
import Fluent
import Foundation
import Governance
import Interchange
import Platform
import SystemDesign
import TraceEngine
import Vapor

/// Interfaces from a CSV or XLSX sheet with the export's columns — the interface register many teams keep in a
/// spreadsheet. Rows match by key (an edited export updates in place; a row without a key is a new interface);
/// columns a sheet leaves out keep their values. Every row is checked first, each problem named by file, row and
/// column; then the whole sheet is applied in one transaction through `InterfaceStore`: all or nothing.
public enum InterfaceTableImport {
    public static let columns = ["key", "title", "side_a", "side_b", "type", "direction", "medium", "status", "interface_id", "owner",
                                 "side_a_org", "side_b_org", "description"]

    public struct Report: Sendable, Equatable {
        public var created: [String] = []
        /// Keys with the columns that change.
        public var changed: [String: [String]] = [:]
        public var unchanged: [String] = []
    }

    /// The project's interfaces as a sheet with the import's columns, by key.
    public static func table(projectID: UUID, on db: any Database) async throws -> CSVTable {
        CSVTable(header: columns, rows: try await InterfaceQueries.all(projectID: projectID, on: db).map(values))
    }

    static func values(_ row: InterfaceQueries.Row) -> [String] {
        [row.key, row.title, row.sideAKey, row.sideBKey, row.type, row.direction.rawValue, row.medium, row.status.rawValue,
         row.projectInterfaceID, row.ownerCode, row.sideAOrg, row.sideBOrg, row.description]
    }

    public static func run(_ context: ArtifactContext, table: CSVTable, file: String, dryRun: Bool) async throws -> Report {
        try context.requireRole(.editor, to: "import interfaces")
        if dryRun { return try await apply(table, file: file, write: false, context: context) }
        return try await context.write { writer in
            try await apply(table, file: file, write: true, context: context.on(writer.database))
        }
    }

    static func apply(_ table: CSVTable, file: String, write: Bool, context: ArtifactContext) async throws -> Report {
        let db = context.database
        let existing = try await InterfaceQueries.all(projectID: context.projectID, on: db)
        let byKey = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let elements = Dictionary(try await SystemElementQueries.all(projectID: context.projectID, on: db).map { ($0.key, $0.id) },
                                  uniquingKeysWith: { a, _ in a })
        let types = try await InterfaceSettings.of(context.projectID, on: db).typeList
        let organisations = Set(try await GovernanceQueries.organisations(projectID: context.projectID, on: db).map(\.code))
        let header = table.header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var errors: [TableError] = []
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if !columns.contains(name) {
                errors.append(TableError(file: file, row: 1, column: i + 1, "unknown column “\(table.header[i])” (columns: \(columns.joined(separator: ", ")))"))
            } else if index[name] != nil {
                errors.append(TableError(file: file, row: 1, column: i + 1, "the column “\(name)” appears twice"))
            }
            index[name] = index[name] ?? i
        }
        for required in ["title", "side_a", "side_b", "type"] where index[required] == nil {
            errors.append(TableError(file: file, row: 1, "the column “\(required)” is missing"))
        }
        guard errors.isEmpty else { throw InterfaceImportInvalid(errors) }

        var report = Report()
        var seen: [String: Int] = [:]
        var ids: [String: Int] = [:]
        var plan: [(number: Int, current: InterfaceQueries.Row?, draft: InterfaceDraft)] = []
        for (offset, cells) in table.rows.enumerated() {
            let number = offset + 2
            func cell(_ name: String) -> String? {
                guard let i = index[name] else { return nil }
                return i < cells.count ? CSVTable.unprotected(cells[i]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func fail(_ name: String, _ reason: String) {
                errors.append(TableError(file: file, row: number, column: index[name].map { $0 + 1 }, "\(name): \(reason)"))
            }
            let key = cell("key") ?? ""
            let current = key.isEmpty ? nil : byKey[key]
            if !key.isEmpty {
                if current == nil { fail("key", "there is no interface \(key) (leave the key empty for a new one)") }
                if let first = seen[key] { fail("key", "\(key) appears again (first in row \(first))") }
                seen[key] = number
            }
            let old = current.map(values) ?? Array(repeating: "", count: columns.count)
            func value(_ name: String) -> String { cell(name) ?? old[columns.firstIndex(of: name)!] }
            var status = SystemInterface.Status.proposed
            if !value("status").isEmpty {
                if let parsed = SystemInterface.Status(rawValue: value("status").lowercased()) { status = parsed } else {
                    fail("status", "“\(value("status"))” is not a status (\(SystemInterface.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            let direction = value("direction").isEmpty ? N2Matrix.Direction.aToB.rawValue : value("direction").lowercased()
            if N2Matrix.Direction(rawValue: direction) == nil {
                fail("direction", "“\(direction)” is not a direction (\(N2Matrix.Direction.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            for side in ["side_a", "side_b"] where elements[value(side)] == nil {
                fail(side, value(side).isEmpty ? "name the element at this end" : "there is no element \(value(side)) in the project")
            }
            if !types.contains(value("type").lowercased()) {
                fail("type", "“\(value("type"))” is not one of the project's interface types (\(types.joined(separator: ", ")))")
            }
            for column in ["owner", "side_a_org", "side_b_org"] where !value(column).isEmpty && !organisations.contains(value(column).uppercased()) {
                fail(column, "there is no delivery organisation “\(value(column))” in the project")
            }
            let interfaceID = value("interface_id")
            if !interfaceID.isEmpty {
                if let first = ids[interfaceID] { fail("interface_id", "“\(interfaceID)” appears again (first in row \(first))") }
                ids[interfaceID] = number
            }
            var draft = InterfaceDraft(title: value("title"), sideA: elements[value("side_a")], sideB: elements[value("side_b")],
                                       type: value("type"), medium: value("medium"), status: status, description: value("description"))
            draft.direction = direction
            draft.owner = value("owner")
            draft.projectInterfaceID = interfaceID
            draft.sideAOrg = value("side_a_org")
            draft.sideBOrg = value("side_b_org")
            plan.append((number, current, draft))
        }
        guard errors.isEmpty else { throw InterfaceImportInvalid(errors) }

        for (number, current, draft) in plan {
            do {
                if let current {
                    let after = [current.key, draft.title, "", "", draft.type.lowercased(), draft.direction, draft.medium, draft.status.rawValue,
                                 draft.projectInterfaceID, draft.owner.uppercased(), draft.sideAOrg.uppercased(), draft.sideBOrg.uppercased(),
                                 draft.description]
                    var changed = zip(columns, zip(values(current), after)).filter { $0.0 != "side_a" && $0.0 != "side_b" && $0.1.0 != $0.1.1 }.map(\.0)
                    if draft.sideA != current.sideA { changed.append("side_a") }
                    if draft.sideB != current.sideB { changed.append("side_b") }
                    if changed.isEmpty { report.unchanged.append(current.key); continue }
                    report.changed[current.key] = changed
                    if write { try await InterfaceStore.update(context, id: current.id, expectedVersion: current.version, draft: draft) }
                } else if write {
                    report.created.append(try await InterfaceStore.create(context, draft: draft).key)
                } else {
                    report.created.append("row \(number)")
                }
            } catch let invalid as FieldsInvalid {
                // What only the store can check (types, organisations, ids already used): named by row and column too.
                throw InterfaceImportInvalid(invalid.errors.map { TableError(file: file, row: number, column: index[$0.field].map { $0 + 1 },
                                                                             "\($0.field): \($0.reason)") })
            }
        }
        return report
    }
}

/// Every problem of an interface sheet (the shared sheet refusal: file, row, column and why; nothing stored).
public typealias InterfaceImportInvalid = SheetImportInvalid
