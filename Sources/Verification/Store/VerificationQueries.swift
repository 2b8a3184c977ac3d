import Artifacts
import Fluent
import Foundation
import Platform

/// Reads shared by the verification pages, API and jobs.
public enum VerificationQueries {
    /// A live artifact of `kind` in the project by key.
    public static func live(key: String, kind: String, projectID: UUID, on db: any Database) async throws -> (id: UUID, key: String, title: String)? {
        guard !key.isEmpty, let row = try await Artifact.query(on: db).filter(\.$projectID == projectID).filter(\.$key == key)
            .filter(\.$kind == kind).filter(\.$deletedAt == nil).first()
        else { return nil }
        return (try row.requireID(), row.key, row.title)
    }

    public struct CaseRow: Sendable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let method: TestCase.Method
        public let status: TestCase.Status
        public let automated: Bool
        public let automationID: String?
        public let triggerRevision: Int64
    }

    /// The project's live cases by key. Read positionally (`RowStream`): the RVTM reads 20,000 of them per request.
    public static func cases(projectID: UUID, on db: any Database) async throws -> [CaseRow] {
        try await RowStream.map("""
            SELECT a.id, a.key, a.title, a.version, c.method, c.status, CASE WHEN c.automated THEN 1 ELSE 0 END AS automated,
                   c.automation_id, a.trigger_revision
            FROM test_cases c JOIN artifacts a ON a.id = c.artifact_id
            WHERE c.project_id = $1 AND a.deleted_at IS NULL ORDER BY a.key
            """, [.uuid(projectID)], on: db) { row in
            CaseRow(id: try row.uuid(0), key: try row.string(1), title: try row.string(2), version: try row.int(3),
                    method: TestCase.Method(rawValue: try row.string(4)) ?? .test, status: TestCase.Status(rawValue: try row.string(5)) ?? .draft,
                    automated: try row.int(6) == 1, automationID: try row.optionalString(7), triggerRevision: Int64(try row.int(8)))
        }
    }

    /// `verifies` links: case id → requirement ids.
    public static func verifies(projectID: UUID, on db: any Database) async throws -> [UUID: [UUID]] {
        var map: [UUID: [UUID]] = [:]
        for (source, target) in try await RowStream.map(
            "SELECT source_id, target_id FROM artifact_links WHERE project_id = $1 AND kind = $2",
            [.uuid(projectID), .string(VerificationKinds.verifies.id)], on: db, { row in (try row.uuid(0), try row.uuid(1)) })
        {
            map[source, default: []].append(target)
        }
        return map
    }

    /// For every artifact of the project with links of `kind`: the keys of the live artifacts they point to, sorted
    /// and each once — a whole list's links in one read instead of two per item.
    public static func linkedKeys(projectID: UUID, kind: String, on db: any Database) async throws -> [UUID: [String]] {
        var map: [UUID: Set<String>] = [:]
        for (source, key) in try await RowStream.map(
            "SELECT l.source_id, a.key FROM artifact_links l JOIN artifacts a ON a.id = l.target_id "
                + "WHERE l.project_id = $1 AND l.kind = $2 AND a.deleted_at IS NULL",
            [.uuid(projectID), .string(kind)], on: db, { row in (try row.uuid(0), try row.string(1)) })
        {
            map[source, default: []].insert(key)
        }
        return map.mapValues { $0.sorted() }
    }

    /// Every set's live cases in set order, by set — the set list's members in one read.
    public static func setMemberKeys(projectID: UUID, on db: any Database) async throws -> [UUID: [String]] {
        var map: [UUID: [String]] = [:]
        for (set, key) in try await RowStream.map(
            "SELECT m.set_id, a.key FROM test_set_cases m JOIN test_sets s ON s.artifact_id = m.set_id JOIN artifacts a ON a.id = m.case_id "
                + "WHERE s.project_id = $1 AND a.deleted_at IS NULL ORDER BY m.set_id, m.position",
            [.uuid(projectID)], on: db, { row in (try row.uuid(0), try row.string(1)) })
        {
            map[set, default: []].append(key)
        }
        return map
    }

    public struct LatestResult: Sendable {
        public let resultID: UUID
        public let runID: UUID
        public let outcome: TestResult.Outcome
        public let revision: Int64
    }

    /// Every case's latest result: the highest revision, and of several in that revision the worst.
    public static func latestResults(projectID: UUID, on db: any Database) async throws -> [UUID: LatestResult] {
        let rows = try await RowStream.map("""
            SELECT r.id, r.run_id, r.case_id, r.outcome, r.revision FROM test_results r
            JOIN (SELECT case_id, MAX(revision) AS latest FROM test_results WHERE project_id = $1 AND case_id IS NOT NULL GROUP BY case_id) m
              ON m.case_id = r.case_id AND m.latest = r.revision
            """, [.uuid(projectID)], on: db) { row in
            (id: try row.uuid(0), run: try row.uuid(1), testCase: try row.uuid(2), outcome: TestResult.Outcome(rawValue: try row.string(3)) ?? .notRun,
             revision: Int64(try row.int(4)))
        }
        var latest: [UUID: LatestResult] = [:]
        for row in rows {
            if let seen = latest[row.testCase], VerificationStatus.worst(seen.outcome, row.outcome) == seen.outcome { continue }
            latest[row.testCase] = LatestResult(resultID: row.id, runID: row.run, outcome: row.outcome, revision: row.revision)
        }
        return latest
    }

    public struct RequirementRow: Sendable {
        public let id: UUID
        public let key: String
        public let title: String
        public let module: String
        public let triggerRevision: Int64
    }

    /// Live requirements, by module and key, narrowed to module prefixes and words of their key, title or statement.
    public static func requirements(projectID: UUID, modules: [String] = [], words: [String] = [], on db: any Database) async throws
        -> [RequirementRow]
    {
        var sql = """
            SELECT a.id, a.key, a.title, m.prefix, a.trigger_revision FROM artifacts a
            JOIN requirement_items d ON d.artifact_id = a.id JOIN requirement_modules m ON m.id = d.module_id
            WHERE a.project_id = $1 AND a.kind = 'requirement' AND a.deleted_at IS NULL AND m.deleted_at IS NULL
            """
        var binds: [RowStream.Bind] = [.uuid(projectID)]
        if !modules.isEmpty {
            sql += " AND m.prefix IN (" + modules.indices.map { "$\(binds.count + 1 + $0)" }.joined(separator: ", ") + ")"
            binds += modules.map { .string($0) }
        }
        for word in words {
            binds.append(.string("%" + word.lowercased() + "%"))
            sql += " AND LOWER(d.search_text) LIKE $\(binds.count)"
        }
        sql += " ORDER BY m.position, m.prefix, a.key"
        return try await RowStream.map(sql, binds, on: db) { row in
            RequirementRow(id: try row.uuid(0), key: try row.string(1), title: try row.string(2), module: try row.string(3),
                           triggerRevision: Int64(try row.int(4)))
        }
    }
}

extension VerificationQueries {
    /// The prefixes of the project's live requirement modules, in order.
    public static func modulePrefixes(projectID: UUID, on db: any Database) async throws -> [String] {
        try await RowStream.map("SELECT prefix FROM requirement_modules WHERE project_id = $1 AND deleted_at IS NULL ORDER BY position, prefix",
                                [.uuid(projectID)], on: db) { try $0.string(0) }
    }

    /// The project's live requirements: key → id (CI matching reads all of them per upload).
    public static func requirementIDs(projectID: UUID, on db: any Database) async throws -> [String: UUID] {
        let rows = try await RowStream.map("SELECT key, id FROM artifacts WHERE project_id = $1 AND kind = 'requirement' AND deleted_at IS NULL",
                                           [.uuid(projectID)], on: db) { row in (try row.string(0), try row.uuid(1)) }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }

    /// A plan's scope as an RVTM filter: its modules and the words of its query.
    public static func filter(of plan: VerificationPlan) -> RVTM.Filter {
        RVTM.Filter(modules: plan.modulePrefixes, words: plan.scopeQuery.split(whereSeparator: \.isWhitespace).map(String.init))
    }
}
