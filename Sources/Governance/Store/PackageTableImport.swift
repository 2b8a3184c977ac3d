import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// Design packages from a CSV or XLSX sheet with the export's columns (key, title, owner, phase, status,
/// description, contents — contents being the element and interface keys, separated by spaces). Rows match by
/// key, so an edited export updates in place; a row without a key is a new package; columns a sheet leaves out
/// keep their values. Every row is checked before anything is written, then the sheet is applied in one
/// transaction: all or nothing.
public enum PackageTableImport {
    public static let columns = ["key", "title", "owner", "phase", "status", "description", "contents"]

    public struct Report: Sendable, Equatable {
        public var created: [String] = []
        public var changed: [String] = []
        public var unchanged: [String] = []
    }

    struct Line {
        let number: Int
        let key: String?
        let cells: [String: String]
    }

    /// The project's packages as a sheet with the import's columns.
    public static func table(projectID: UUID, on db: any Database) async throws -> CSVTable {
        var rows: [[String]] = []
        for package in try await GovernanceQueries.packages(projectID: projectID, on: db) {
            let contents = try await GovernanceQueries.contents(of: package.id, projectID: projectID, on: db).map(\.key)
            rows.append([package.key, package.title, package.ownerCode, package.phaseName, package.status.rawValue, package.description,
                         contents.joined(separator: " ")])
        }
        return CSVTable(header: columns, rows: rows)
    }

    public static func run(_ context: ArtifactContext, table: CSVTable, file: String, dryRun: Bool) async throws -> Report {
        try context.requireRole(.editor, to: "import design packages")
        if dryRun { return try await apply(table, file: file, writer: nil, context: context, on: context.database) }
        return try await context.write { writer in
            try await apply(table, file: file, writer: writer, context: context, on: writer.database)
        }
    }

    static func apply(_ table: CSVTable, file: String, writer: ArtifactWriter?, context: ArtifactContext, on db: any Database) async throws -> Report {
        let existing = try await GovernanceQueries.packages(projectID: context.projectID, on: db)
        let byKey = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let organisations = Dictionary(try await GovernanceQueries.organisations(projectID: context.projectID, on: db).map { ($0.code, $0.id!) },
                                       uniquingKeysWith: { a, _ in a })
        let phases = Dictionary(try await GovernanceQueries.phases(projectID: context.projectID, on: db).map { ($0.name, $0.id!) },
                                uniquingKeysWith: { a, _ in a })
        let holdable = Set(context.registry.linkKind(GovernanceKinds.inPackage.id)?.pairs.map(\.source) ?? [])
        let artifacts = try await Artifact.query(on: db).filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil)
            .filter(\.$kind ~~ Array(holdable)).all()
        let contentIDs = Dictionary(artifacts.map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })

        // Check every row first.
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
        if index["title"] == nil { errors.append(TableError(file: file, row: 1, "the column “title” is missing")) }
        guard errors.isEmpty else { throw PackageImportInvalid(errors) }
        var lines: [Line] = []
        var seen: [String: Int] = [:]
        for (offset, row) in table.rows.enumerated() {
            let number = offset + 2
            var cells: [String: String] = [:]
            for (name, i) in index where i < row.count { cells[name] = CSVTable.unprotected(row[i]).trimmingCharacters(in: .whitespacesAndNewlines) }
            if cells.values.allSatisfy(\.isEmpty) { continue }
            func fail(_ name: String, _ reason: String) {
                errors.append(TableError(file: file, row: number, column: index[name].map { $0 + 1 }, "\(name): \(reason)"))
            }
            let key = cells["key"] ?? ""
            if !key.isEmpty {
                if byKey[key] == nil { fail("key", "there is no design package \(key) (leave the key empty for a new one)") }
                if let first = seen[key] { fail("key", "\(key) appears again (first in row \(first))") }
                seen[key] = number
            }
            if (cells["title"] ?? "").isEmpty || (cells["title"] ?? "").count > 200 { fail("title", "the title must be 1–200 characters") }
            if let owner = cells["owner"], !owner.isEmpty, organisations[owner.uppercased()] == nil {
                fail("owner", "there is no delivery organisation “\(owner)”")
            }
            if let phase = cells["phase"], !phase.isEmpty, phases[phase] == nil { fail("phase", "there is no phase “\(phase)”") }
            if let status = cells["status"], !status.isEmpty, DesignPackage.Status(rawValue: status.lowercased()) == nil {
                fail("status", "“\(status)” is not a status (draft, issued, closed)")
            }
            for content in (cells["contents"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init) where contentIDs[content] == nil {
                fail("contents", "\(content) is not an element or interface of this project")
            }
            lines.append(Line(number: number, key: key.isEmpty ? nil : key, cells: cells))
        }
        guard errors.isEmpty else { throw PackageImportInvalid(errors) }

        // Then apply (or only compare, on a dry run).
        var report = Report()
        for line in lines {
            let current = line.key.flatMap { byKey[$0] }
            func value(_ name: String, _ old: String) -> String { line.cells[name] ?? old }
            let owner = value("owner", current?.ownerCode ?? "").uppercased()
            let phase = value("phase", current?.phaseName ?? "")
            let draft = PackageDraft(title: line.cells["title"] ?? "", ownerOrgID: owner.isEmpty ? nil : organisations[owner],
                                     phaseID: phase.isEmpty ? nil : phases[phase],
                                     status: DesignPackage.Status(rawValue: value("status", current?.status.rawValue ?? "").lowercased()) ?? .draft,
                                     description: value("description", current?.description ?? ""))
            let oldContents = try await current.asyncMap { try await GovernanceQueries.contents(of: $0.id, projectID: context.projectID, on: db) } ?? []
            let wanted = line.cells["contents"].map { Set($0.split(whereSeparator: \.isWhitespace).map(String.init)) } ?? Set(oldContents.map(\.key))
            if let current {
                let same = current.title == draft.title && current.ownerCode == owner && current.phaseName == phase
                    && current.status == draft.status && current.description == draft.description && Set(oldContents.map(\.key)) == wanted
                if same { report.unchanged.append(current.key); continue }
                report.changed.append(current.key)
                guard let writer else { continue }
                let fields = draft.fields(ownerCode: owner, phaseName: phase)
                _ = try await writer.update(current.id, expectedVersion: current.version, title: draft.title, fields: fields)
                if let row = try await DesignPackage.find(current.id, on: db) {
                    DesignPackageStore.apply(draft, to: row)
                    try await row.update(on: db)
                }
                for content in oldContents where !wanted.contains(content.key) { try await writer.unlink(content.linkID) }
                for key in wanted.sorted() where !oldContents.contains(where: { $0.key == key }) {
                    _ = try await writer.link(GovernanceKinds.inPackage.id, from: contentIDs[key]!, to: current.id)
                }
            } else if let writer {
                let artifact = try await writer.create(kind: GovernanceKinds.package.id, title: draft.title,
                                                       fields: draft.fields(ownerCode: owner, phaseName: phase))
                let row = DesignPackage()
                row.id = try artifact.requireID()
                row.projectID = context.projectID
                DesignPackageStore.apply(draft, to: row)
                try await row.create(on: db)
                for key in wanted.sorted() { _ = try await writer.link(GovernanceKinds.inPackage.id, from: contentIDs[key]!, to: row.id!) }
                report.created.append(artifact.key)
            } else {
                report.created.append("row \(line.number)")
            }
        }
        return report
    }
}

/// Every problem of a package sheet (the shared sheet refusal: file, row, column and why; nothing stored).
public typealias PackageImportInvalid = SheetImportInvalid

extension Optional {
    /// `map` for an async transform (the standard library's cannot await).
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
