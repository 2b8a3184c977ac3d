import Artifacts
import Fluent
import Foundation
import Interchange
import Platform

/// A design package with its contents, section by section (elements, interfaces, …), for the report page and
/// its CSV and XLSX downloads: one load, so the three always agree.
public struct PackageReport: Sendable {
    public struct Line: Sendable, Equatable {
        public let content: GovernanceQueries.Content
        /// One value per column of the section.
        public let values: [String]
    }

    public struct Section: Sendable {
        public let kind: String
        public let title: String
        public let columns: [PackageReportSections.Column]
        public let lines: [Line]
        public let path: @Sendable (_ project: String, _ key: String) -> String
    }

    public let package: GovernanceQueries.PackageRow
    public let sections: [Section]

    public static func load(_ package: GovernanceQueries.PackageRow, projectID: UUID, registry: ArtifactRegistry,
                            on db: any Database) async throws -> PackageReport
    {
        let contents = try await GovernanceQueries.contents(of: package.id, projectID: projectID, on: db)
        let byKind = Dictionary(grouping: contents, by: \.kind)
        var sections: [Section] = []
        let registered = PackageReportSections.all
        for section in registered {
            let items = byKind[section.kind] ?? []
            let details = items.isEmpty ? [:] : try await section.details(items.map(\.artifactID), projectID, db)
            sections.append(Section(kind: section.kind, title: section.title, columns: section.columns,
                                    lines: items.map { item in
                                        Line(content: item, values: section.columns.map { details[item.artifactID]?[$0.id] ?? "" })
                                    }, path: section.path))
        }
        // Kinds no module describes still show, with key and title.
        for (kind, items) in byKind.sorted(by: { $0.key < $1.key }) where !registered.contains(where: { $0.kind == kind }) {
            sections.append(Section(kind: kind, title: registry.kind(kind)?.label ?? kind, columns: [],
                                    lines: items.map { Line(content: $0, values: []) }, path: { _, _ in "" }))
        }
        return PackageReport(package: package, sections: sections)
    }

    /// The report as one sheet: a row per content artifact, `package, section, key, title`, then every
    /// section's columns side by side (a column another section has stays empty).
    public var table: CSVTable {
        var columns: [PackageReportSections.Column] = []
        for section in sections { for column in section.columns where !columns.contains(column) { columns.append(column) } }
        var rows: [[String]] = []
        for section in sections {
            for line in section.lines {
                var row = [package.key, section.title, line.content.key, line.content.title]
                for column in columns {
                    row.append(section.columns.firstIndex(of: column).map { line.values[$0] } ?? "")
                }
                rows.append(row)
            }
        }
        return CSVTable(header: ["package", "section", "key", "title"] + columns.map(\.id), rows: rows)
    }
}
