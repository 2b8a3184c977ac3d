import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Reads of the requirements module, every one scoped by project.
public enum RequirementQueries {
    public struct ModuleSummary: Sendable {
        public let module: RequirementModule
        public let requirements: Int
        public let approved: Int
        public let withFindings: Int
    }

    public static func modules(projectID: UUID, on db: any Database) async throws -> [ModuleSummary] {
        let modules = try await RequirementModule.query(on: db).filter(\.$projectID == projectID)
            .filter(\.$deletedAt == nil).sort(\.$position).all()
        let sql = db as! any SQLDatabase
        struct Row: Decodable {
            let module_id: UUID
            let total: Int
            let approved: Int
            let findings: Int
        }
        let rows = try await sql.raw("""
            SELECT module_id, COUNT(*) AS total,
                   SUM(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) AS approved,
                   SUM(CASE WHEN findings <> '' THEN 1 ELSE 0 END) AS findings
            FROM requirement_items WHERE project_id = \(bind: projectID) AND item_type = 'requirement'
            GROUP BY module_id
            """).all(decoding: Row.self)
        let byModule = Dictionary(rows.map { ($0.module_id, $0) }, uniquingKeysWith: { a, _ in a })
        return modules.map { module in
            let row = module.id.flatMap { byModule[$0] }
            return ModuleSummary(module: module, requirements: row?.total ?? 0, approved: row?.approved ?? 0,
                                 withFindings: row?.findings ?? 0)
        }
    }

    public static func module(prefix: String, projectID: UUID, on db: any Database) async throws -> RequirementModule? {
        try await RequirementModule.query(on: db).filter(\.$projectID == projectID).filter(\.$prefix == prefix.uppercased())
            .filter(\.$deletedAt == nil).first()
    }

    /// One line of the document view, in document order.
    public struct DocumentRow: Sendable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let type: DocumentItem.ItemType
        public let depth: Int
        /// Outline number, e.g. "2.1.3".
        public let number: String
        public let parentID: UUID?
        public let statement: String
        public let status: String
        public let requirementType: String
        public let priority: String
        public let tags: [String]
        public let findings: [String]
        public let suspectLinks: Int
    }

    /// The whole document in order: a depth-first walk of the item tree. Two queries, whatever the size.
    public static func document(module: RequirementModule, disabledRules: Set<String>, on db: any Database) async throws
        -> [DocumentRow]
    {
        let moduleID = try module.requireID()
        struct Row: Sendable {
            let artifact_id: UUID
            let parent_id: UUID?
            let position: Int
            let item_type: String
            let status: String
            let req_type: String
            let priority: String
            let tags: String
            let statement: String
            let findings: String
            let key: String
            let title: String
            let version: Int
        }
        // Read positionally: a 2,000-item module decoded through `Decodable` took a large part of the page time.
        let rows = try await RowStream.map("""
            SELECT i.artifact_id, i.parent_id, i.position, i.item_type, i.status, i.req_type, i.priority, i.tags,
                   i.statement, i.findings, a.key, a.title, a.version
            FROM requirement_items i JOIN artifacts a ON a.id = i.artifact_id
            WHERE i.module_id = $1 AND a.deleted_at IS NULL
            """, [.uuid(moduleID)], on: db) { row in
            Row(artifact_id: try row.uuid(0), parent_id: try row.optionalUUID(1), position: try row.int(2),
                item_type: try row.string(3), status: try row.string(4), req_type: try row.string(5),
                priority: try row.string(6), tags: try row.string(7), statement: try row.string(8),
                findings: try row.string(9), key: try row.string(10), title: try row.string(11), version: try row.int(12))
        }
        let suspect = try await suspectCounts(projectID: module.projectID, on: db)
        var children: [UUID?: [Row]] = [:]
        for row in rows { children[row.parent_id, default: []].append(row) }
        for key in children.keys { children[key]?.sort { $0.position < $1.position } }
        var result: [DocumentRow] = []
        result.reserveCapacity(rows.count)
        func walk(_ parent: UUID?, depth: Int, prefix: String) {
            for (index, row) in (children[parent] ?? []).enumerated() {
                let number = prefix.isEmpty ? "\(index + 1)" : "\(prefix).\(index + 1)"
                result.append(DocumentRow(
                    id: row.artifact_id, key: row.key, title: row.title, version: row.version,
                    type: DocumentItem.ItemType(rawValue: row.item_type) ?? .requirement, depth: depth, number: number,
                    parentID: row.parent_id, statement: row.statement, status: row.status, requirementType: row.req_type,
                    priority: row.priority, tags: row.tags.split(separator: "|").map(String.init),
                    findings: row.findings.split(separator: "|").map(String.init).filter { !disabledRules.contains($0) },
                    suspectLinks: suspect[row.artifact_id] ?? 0))
                walk(row.artifact_id, depth: depth + 1, prefix: number)
            }
        }
        walk(nil, depth: 0, prefix: "")
        return result
    }

    /// The requirement ids of every module of the project, read positionally (100k rows in a large project).
    public static func requirementsByModule(projectID: UUID, on db: any Database) async throws -> [UUID: [UUID]] {
        let rows = try await RowStream.map(
            "SELECT module_id, artifact_id FROM requirement_items WHERE project_id = $1 AND item_type = $2",
            [.uuid(projectID), .string(DocumentItem.ItemType.requirement.rawValue)], on: db
        ) { row in (try row.uuid(0), try row.uuid(1)) }
        var byModule: [UUID: [UUID]] = [:]
        for (module, artifact) in rows { byModule[module, default: []].append(artifact) }
        return byModule
    }

    /// Suspect links per artifact (either end) in a project.
    public static func suspectCounts(projectID: UUID, on db: any Database) async throws -> [UUID: Int] {
        let rows = try await RowStream.map(
            "SELECT source_id, target_id FROM artifact_links WHERE project_id = $1 AND suspect = $2",
            [.uuid(projectID), .bool(true)], on: db
        ) { row in (try row.uuid(0), try row.uuid(1)) }
        var counts: [UUID: Int] = [:]
        for (source, target) in rows {
            counts[source, default: 0] += 1
            counts[target, default: 0] += 1
        }
        return counts
    }

    /// A suspect link with both ends' keys and titles.
    public struct SuspectLink: Sendable {
        public let id: UUID
        public let kind: String
        public let sourceKey: String
        public let sourceTitle: String
        public let targetKey: String
        public let targetTitle: String
        public let createdAt: Date
    }

    /// The project's suspect links, or those at one artifact.
    public static func suspectLinks(projectID: UUID, at artifactID: UUID? = nil, on db: any Database) async throws
        -> [SuspectLink]
    {
        let sql = db as! any SQLDatabase
        struct Row: Decodable {
            let id: UUID
            let kind: String
            let source_key: String
            let source_title: String
            let target_key: String
            let target_title: String
            let created_at: Date
        }
        var query = SQLQueryString("""
            SELECT l.id, l.kind, s.key AS source_key, s.title AS source_title, t.key AS target_key, t.title AS target_title,
                   l.created_at
            FROM artifact_links l JOIN artifacts s ON s.id = l.source_id JOIN artifacts t ON t.id = l.target_id
            WHERE l.project_id = \(bind: projectID) AND l.suspect = \(bind: true)
            """)
        if let artifactID { query = query + " AND (l.source_id = \(bind: artifactID) OR l.target_id = \(bind: artifactID))" }
        query = query + " ORDER BY s.key, t.key, l.kind"
        return try await sql.raw(query).all(decoding: Row.self).map {
            SuspectLink(id: $0.id, kind: $0.kind, sourceKey: $0.source_key, sourceTitle: $0.source_title,
                        targetKey: $0.target_key, targetTitle: $0.target_title, createdAt: $0.created_at)
        }
    }

    // MARK: search

    public struct Filter: Sendable, Equatable {
        public var text = ""
        public var moduleID: UUID?
        public var status: String?
        public var type: String?
        public var tag: String?
        public var finding: String?
        public var suspectOnly = false
        /// `attr.<name>` = value (exact, or one of a multi-enumeration's values).
        public var attribute: (name: String, value: String)?
        public var page = 1
        public var perPage = 50

        public init() {}

        public static func == (lhs: Filter, rhs: Filter) -> Bool {
            lhs.text == rhs.text && lhs.moduleID == rhs.moduleID && lhs.status == rhs.status && lhs.type == rhs.type
                && lhs.tag == rhs.tag && lhs.finding == rhs.finding && lhs.suspectOnly == rhs.suspectOnly
                && lhs.attribute?.name == rhs.attribute?.name && lhs.attribute?.value == rhs.attribute?.value
                && lhs.page == rhs.page && lhs.perPage == rhs.perPage
        }
    }

    public struct SearchHit: Sendable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let moduleID: UUID
        public let status: String
        public let requirementType: String
        public let statement: String
        public let tags: [String]
        public let findings: [String]
    }

    /// Words of a search query reduced to letters and digits, so neither FTS5 nor tsquery syntax can be injected.
    static func searchTerms(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { !$0.isEmpty }.prefix(12).map { $0 }
    }

    /// Requirements of a project matching every given filter, in key order; full-text terms match word prefixes.
    public static func search(projectID: UUID, filter: Filter, disabledRules: Set<String>, on db: any Database)
        async throws -> (hits: [SearchHit], total: Int)
    {
        let sql = db as! any SQLDatabase
        var conditions: [SQLQueryString] = [
            "i.project_id = \(bind: projectID)", "i.item_type = 'requirement'", "a.deleted_at IS NULL",
        ]
        let terms = searchTerms(filter.text)
        if !terms.isEmpty {
            if sql.dialect.name == "sqlite" {
                let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
                conditions.append("i.artifact_id IN (SELECT artifact_id FROM requirement_search WHERE requirement_search MATCH \(bind: match))")
            } else {
                let query = terms.map { "\($0):*" }.joined(separator: " & ")
                conditions.append("to_tsvector('simple', i.search_text) @@ to_tsquery('simple', \(bind: query))")
            }
        }
        if let moduleID = filter.moduleID { conditions.append("i.module_id = \(bind: moduleID)") }
        if let status = filter.status { conditions.append("i.status = \(bind: status)") }
        if let type = filter.type { conditions.append("i.req_type = \(bind: type)") }
        if let tag = filter.tag { conditions.append("i.tags LIKE \(bind: "%|" + escapeLike(tag) + "|%") ESCAPE '\\'") }
        if let finding = filter.finding, !disabledRules.contains(finding) {
            conditions.append("i.findings LIKE \(bind: "%|" + escapeLike(finding) + "|%") ESCAPE '\\'")
        }
        if filter.suspectOnly {
            conditions.append("EXISTS (SELECT 1 FROM artifact_links l WHERE l.suspect = \(bind: true) AND (l.source_id = i.artifact_id OR l.target_id = i.artifact_id))")
        }
        var candidates: Set<UUID>?
        if let attribute = filter.attribute {
            candidates = try await matchingAttribute(projectID: projectID, name: attribute.name, value: attribute.value, on: db)
        }
        var whereClause = SQLQueryString("")
        for (index, condition) in conditions.enumerated() { whereClause = whereClause + (index == 0 ? "" : " AND ") + condition }
        struct Row: Decodable {
            let artifact_id: UUID
            let key: String
            let title: String
            let version: Int
            let module_id: UUID
            let status: String
            let req_type: String
            let statement: String
            let tags: String
            let findings: String
        }
        let select = SQLQueryString("""
            SELECT i.artifact_id, a.key, a.title, a.version, i.module_id, i.status, i.req_type, i.statement, i.tags, i.findings
            FROM requirement_items i JOIN artifacts a ON a.id = i.artifact_id WHERE
            """) + " " + whereClause
        let perPage = min(max(filter.perPage, 1), 500)
        let offset = (max(filter.page, 1) - 1) * perPage
        let rows: [Row]
        let total: Int
        if let candidates {
            // Attribute values live in the version snapshots; the candidate set is small, so filter here.
            let all = try await sql.raw(select + " ORDER BY a.key").all(decoding: Row.self).filter { candidates.contains($0.artifact_id) }
            total = all.count
            rows = Array(all.dropFirst(offset).prefix(perPage))
        } else {
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM requirement_items i JOIN artifacts a ON a.id = i.artifact_id WHERE " + whereClause).first()
            total = try count?.decode(column: "n", as: Int.self) ?? 0
            rows = try await sql.raw(select + " ORDER BY a.key LIMIT \(unsafeRaw: String(perPage)) OFFSET \(unsafeRaw: String(offset))")
                .all(decoding: Row.self)
        }
        return (rows.map {
            SearchHit(id: $0.artifact_id, key: $0.key, title: $0.title, version: $0.version, moduleID: $0.module_id, status: $0.status,
                      requirementType: $0.req_type, statement: $0.statement,
                      tags: $0.tags.split(separator: "|").map(String.init),
                      findings: $0.findings.split(separator: "|").map(String.init).filter { !disabledRules.contains($0) })
        }, total)
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// The module's live requirements whose current version has a value for `attr.<name>`, with that value as
    /// text (each chosen value for multi-enumerations).
    static func attributeValues(moduleID: UUID, name: String, on db: any Database) async throws -> [(key: String, values: [String])] {
        let field = "attr." + name
        let rows = try await RowStream.map("""
            SELECT a.key, v.content FROM requirement_items i
            JOIN artifacts a ON a.id = i.artifact_id AND a.deleted_at IS NULL
            JOIN artifact_versions v ON v.artifact_id = a.id AND v.version = a.version
            WHERE i.module_id = $1 AND v.content LIKE $2 ESCAPE '\\'
            """, [.uuid(moduleID), .string("%\"" + escapeLike(field) + "\"%")], on: db) { row in
            (try row.string(0), try row.string(1))
        }
        return rows.compactMap { key, content in
            guard let fields = try? JSONDecoder().decode(ArtifactFields.self, from: Data(content.utf8)) else { return nil }
            switch fields[field] {
            case .null: return nil
            case .list(let values): return values.isEmpty ? nil : (key, values)
            case let other: return (key, [other.displayText])
            }
        }
    }

    /// Requirements whose current snapshot has `attr.<name>` equal to (or, for lists, containing) `value`.
    static func matchingAttribute(projectID: UUID, name: String, value: String, on db: any Database) async throws -> Set<UUID> {
        let sql = db as! any SQLDatabase
        struct Row: Decodable {
            let artifact_id: UUID
            let content: String
        }
        let field = "attr." + name
        let rows = try await sql.raw("""
            SELECT v.artifact_id, v.content FROM artifact_versions v JOIN artifacts a ON a.id = v.artifact_id AND a.version = v.version
            WHERE a.project_id = \(bind: projectID) AND a.kind = 'requirement' AND a.deleted_at IS NULL
              AND v.content LIKE \(bind: "%\"" + escapeLike(field) + "\"%") ESCAPE '\\'
            """).all(decoding: Row.self)
        var result: Set<UUID> = []
        for row in rows {
            guard let fields = try? JSONDecoder().decode(ArtifactFields.self, from: Data(row.content.utf8)) else { continue }
            switch fields[field] {
            case .list(let values) where values.contains(value): result.insert(row.artifact_id)
            case .null, .list: continue
            case let other where other.displayText == value || (other == .bool(true) && value == "true") || (other == .bool(false) && value == "false"):
                result.insert(row.artifact_id)
            default: continue
            }
        }
        return result
    }
}
