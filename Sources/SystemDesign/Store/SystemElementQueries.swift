import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine

/// Reads of the element tree, every one scoped by project.
public enum SystemElementQueries {
    public struct Row: Sendable, Equatable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let parentID: UUID?
        public let level: String
        public let status: SystemElement.Status
        public let description: String
        /// The owner organisation's code, or empty.
        public let ownerCode: String

        public init(id: UUID, key: String, title: String, version: Int, parentID: UUID?, level: String, status: SystemElement.Status,
                    description: String, ownerCode: String)
        {
            self.id = id
            self.key = key
            self.title = title
            self.version = version
            self.parentID = parentID
            self.level = level
            self.status = status
            self.description = description
            self.ownerCode = ownerCode
        }
    }

    /// A row in tree order with its depth (0 at the top).
    public struct TreeRow: Sendable {
        public let element: Row
        public let depth: Int
        public let children: Int
    }

    struct Record: Decodable {
        let artifact_id: UUID
        let key: String
        let title: String
        let version: Int
        let parent_id: UUID?
        let level: String
        let status: String
        let description: String
        let owner_code: String?

        var row: Row {
            Row(id: artifact_id, key: key, title: title, version: version, parentID: parent_id, level: level,
                status: SystemElement.Status(rawValue: status) ?? .proposed, description: description, ownerCode: owner_code ?? "")
        }
    }

    static func select(_ db: any Database, projectID: UUID, where extra: SQLQueryString? = nil, limit: Int? = nil)
        async throws -> [Row]
    {
        let sql = db as! any SQLDatabase
        var query: SQLQueryString = """
            SELECT e.artifact_id, a.key, a.title, a.version, e.parent_id, e.level, e.status, e.description, o.code AS owner_code
            FROM system_elements e JOIN artifacts a ON a.id = e.artifact_id
            LEFT JOIN delivery_organisations o ON o.id = e.owner_org_id
            WHERE e.project_id = \(bind: projectID) AND a.deleted_at IS NULL
            """
        if let extra { query = query + " AND " + extra }
        query = query + " ORDER BY a.key"
        if let limit { query = query + " LIMIT \(literal: limit)" }
        return try await sql.raw(query).all(decoding: Record.self).map(\.row)
    }

    /// Each element's owner, or — where it has none — the owner of its nearest ancestor that has one (a supplier
    /// that owns a subsystem owns its parts unless a part says otherwise); elements with neither are left out.
    public static func effectiveOwners(projectID: UUID, on db: any Database) async throws -> [UUID: String] {
        let rows = try await all(projectID: projectID, on: db)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var owners: [UUID: String] = [:]
        for row in rows {
            var current: SystemElementQueries.Row? = row
            var steps = 0
            while let element = current, steps < 1_000 {
                if !element.ownerCode.isEmpty {
                    owners[row.id] = element.ownerCode
                    break
                }
                current = element.parentID.flatMap { byID[$0] }
                steps += 1
            }
        }
        return owners
    }

    /// Every live element, by key.
    public static func all(projectID: UUID, on db: any Database) async throws -> [Row] {
        try await select(db, projectID: projectID)
    }

    public static func element(key: String, projectID: UUID, on db: any Database) async throws -> Row? {
        try await select(db, projectID: projectID, where: "a.key = \(bind: key)").first
    }

    /// Each element's parent, for the move rule.
    static func parents(projectID: UUID, on db: any Database) async throws -> [UUID: UUID] {
        let rows = try await SystemElement.query(on: db).filter(\.$projectID == projectID).filter(\.$parentID != nil).all()
        return Dictionary(rows.compactMap { row in row.id.flatMap { id in row.parentID.map { (id, $0) } } },
                          uniquingKeysWith: { a, _ in a })
    }

    /// The tree depth first, siblings by key. Elements whose parent is gone (never, unless data was edited by
    /// hand) appear at the top rather than vanish.
    public static func tree(projectID: UUID, on db: any Database) async throws -> [TreeRow] {
        tree(try await all(projectID: projectID, on: db))
    }

    public static func tree(_ rows: [Row]) -> [TreeRow] {
        let ids = Set(rows.map(\.id))
        var children: [UUID?: [Row]] = [:]
        for row in rows { children[row.parentID.flatMap { ids.contains($0) ? $0 : nil }, default: []].append(row) }
        var result: [TreeRow] = []
        result.reserveCapacity(rows.count)
        var visited: Set<UUID> = []
        func walk(_ parent: UUID?, depth: Int) {
            for row in children[parent] ?? [] where visited.insert(row.id).inserted {
                result.append(TreeRow(element: row, depth: depth, children: children[row.id]?.count ?? 0))
                walk(row.id, depth: depth + 1)
            }
        }
        walk(nil, depth: 0)
        return result
    }

    /// The picker: elements whose key or title contains every word of `query`, best (key prefix) first, at most
    /// `limit`.
    public static func search(_ query: String, projectID: UUID, limit: Int = 20, on db: any Database) async throws -> [Row] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).prefix(5).map(String.init)
        var condition: SQLQueryString = "1 = 1"
        for word in words {
            let pattern = "%" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            condition = condition + " AND e.search_text LIKE \(bind: pattern) ESCAPE '\\'"
        }
        let rows = try await select(db, projectID: projectID, where: condition, limit: words.isEmpty ? limit : 500)
        guard let first = words.first else { return rows }
        let ranked = rows.enumerated().sorted { a, b in
            let aPrefix = a.element.key.lowercased().hasPrefix(first), bPrefix = b.element.key.lowercased().hasPrefix(first)
            return aPrefix != bPrefix ? aPrefix : a.offset < b.offset
        }
        return ranked.prefix(limit).map(\.element)
    }
}

extension SystemElementQueries {
    /// Links of `kind` between live elements of the project, as (source, target).
    static func relations(projectID: UUID, kind: String, on db: any Database) async throws -> [(UUID, UUID)] {
        let sql = db as! any SQLDatabase
        struct Pair: Decodable {
            let source_id: UUID
            let target_id: UUID
        }
        return try await sql.raw("""
            SELECT l.source_id, l.target_id FROM artifact_links l
            JOIN system_elements s ON s.artifact_id = l.source_id
            JOIN system_elements t ON t.artifact_id = l.target_id
            WHERE l.project_id = \(bind: projectID) AND l.kind = \(bind: kind)
            """).all(decoding: Pair.self).map { ($0.source_id, $0.target_id) }
    }
}
