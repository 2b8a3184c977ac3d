import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit

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

    /// The project's live cases by key.
    public static func cases(projectID: UUID, on db: any Database) async throws -> [CaseRow] {
        let sql = db as! any SQLDatabase
        struct Row: Decodable {
            let id: UUID, key: String, title: String, version: Int, method: String, status: String, automated: Bool
            let automation_id: String?, trigger_revision: Int64
        }
        return try await sql.raw("""
            SELECT a.id, a.key, a.title, a.version, c.method, c.status, c.automated, c.automation_id, a.trigger_revision
            FROM \(ident: TestCase.schema) c JOIN artifacts a ON a.id = c.artifact_id
            WHERE c.project_id = \(bind: projectID) AND a.deleted_at IS NULL ORDER BY a.key
            """).all(decoding: Row.self).map {
            CaseRow(id: $0.id, key: $0.key, title: $0.title, version: $0.version, method: TestCase.Method(rawValue: $0.method) ?? .test,
                    status: TestCase.Status(rawValue: $0.status) ?? .draft, automated: $0.automated, automationID: $0.automation_id,
                    triggerRevision: $0.trigger_revision)
        }
    }

    /// `verifies` links: case id → requirement ids.
    public static func verifies(projectID: UUID, on db: any Database) async throws -> [UUID: [UUID]] {
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let source_id: UUID, target_id: UUID }
        var map: [UUID: [UUID]] = [:]
        for row in try await sql.raw("""
            SELECT source_id, target_id FROM artifact_links WHERE project_id = \(bind: projectID) AND kind = \(bind: VerificationKinds.verifies.id)
            """).all(decoding: Row.self) {
            map[row.source_id, default: []].append(row.target_id)
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
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let id: UUID, run_id: UUID, case_id: UUID, outcome: String, revision: Int64 }
        var latest: [UUID: LatestResult] = [:]
        for row in try await sql.raw("""
            SELECT r.id, r.run_id, r.case_id, r.outcome, r.revision FROM test_results r
            WHERE r.project_id = \(bind: projectID) AND r.case_id IS NOT NULL
              AND r.revision = (SELECT MAX(r2.revision) FROM test_results r2 WHERE r2.case_id = r.case_id)
            """).all(decoding: Row.self) {
            let outcome = TestResult.Outcome(rawValue: row.outcome) ?? .notRun
            if let seen = latest[row.case_id], VerificationStatus.worst(seen.outcome, outcome) == seen.outcome { continue }
            latest[row.case_id] = LatestResult(resultID: row.id, runID: row.run_id, outcome: outcome, revision: row.revision)
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
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let id: UUID, key: String, title: String, prefix: String, trigger_revision: Int64 }
        var query: SQLQueryString = """
            SELECT a.id, a.key, a.title, m.prefix, a.trigger_revision FROM artifacts a
            JOIN requirement_items d ON d.artifact_id = a.id JOIN requirement_modules m ON m.id = d.module_id
            WHERE a.project_id = \(bind: projectID) AND a.kind = 'requirement' AND a.deleted_at IS NULL AND m.deleted_at IS NULL
            """
        if !modules.isEmpty { query += " AND m.prefix IN (\(SQLList(modules.map { SQLBind($0) })))" }
        for word in words { query += " AND LOWER(d.search_text) LIKE \(bind: "%" + word.lowercased() + "%")" }
        query += " ORDER BY m.position, m.prefix, a.key"
        return try await sql.raw(query).all(decoding: Row.self).map {
            RequirementRow(id: $0.id, key: $0.key, title: $0.title, module: $0.prefix, triggerRevision: $0.trigger_revision)
        }
    }
}

extension VerificationQueries {
    /// The prefixes of the project's live requirement modules, in order.
    public static func modulePrefixes(projectID: UUID, on db: any Database) async throws -> [String] {
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let prefix: String }
        return try await sql.raw("""
            SELECT prefix FROM requirement_modules WHERE project_id = \(bind: projectID) AND deleted_at IS NULL ORDER BY position, prefix
            """).all(decoding: Row.self).map(\.prefix)
    }

    /// A plan's scope as an RVTM filter: its modules and the words of its query.
    public static func filter(of plan: VerificationPlan) -> RVTM.Filter {
        RVTM.Filter(modules: plan.modulePrefixes, words: plan.scopeQuery.split(whereSeparator: \.isWhitespace).map(String.init))
    }
}
