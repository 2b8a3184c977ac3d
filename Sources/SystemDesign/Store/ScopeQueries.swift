import Fluent
import Foundation
import Governance
import SQLKit

/// Reads of scope allocations, scoped by project, in element-key order.
public enum ScopeQueries {
    public struct Row: Sendable, Equatable {
        public let id: UUID
        public let elementKey: String
        public let elementTitle: String
        public let organisation: String
        /// Empty for every phase.
        public let phase: String
        public let status: ScopeAllocation.Status
    }

    public static func all(projectID: UUID, on db: any Database) async throws -> [Row] {
        let sql = db as! any SQLDatabase
        struct Raw: Decodable { let id: UUID, key: String, title: String, code: String, name: String?, status: String }
        return try await sql.raw("""
            SELECT s.id, a.key, a.title, o.code, p.name, s.status
            FROM scope_allocations s JOIN artifacts a ON a.id = s.element_id
            JOIN delivery_organisations o ON o.id = s.org_id LEFT JOIN project_phases p ON p.id = s.phase_id
            WHERE s.project_id = \(bind: projectID) AND a.deleted_at IS NULL
            ORDER BY a.key, o.code, p.position
            """).all(decoding: Raw.self).map {
            Row(id: $0.id, elementKey: $0.key, elementTitle: $0.title, organisation: $0.code, phase: $0.name ?? "",
                status: ScopeAllocation.Status(rawValue: $0.status) ?? .proposed)
        }
    }
}
