import Artifacts
import Fluent
import Foundation
import SQLKit

/// Reads of architectures, scoped by project.
public enum ArchitectureQueries {
    public struct Row: Sendable, Equatable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let status: Architecture.Status
        public let description: String
        public let approvedBy: String
        public let approvedAt: Date?
        public let approvedVersion: Int?
        public let nodeCount: Int
    }

    public static func all(projectID: UUID, on db: any Database) async throws -> [Row] {
        try await select(db, projectID: projectID, key: nil)
    }

    public static func architecture(key: String, projectID: UUID, on db: any Database) async throws -> Row? {
        try await select(db, projectID: projectID, key: key).first
    }

    static func select(_ db: any Database, projectID: UUID, key: String?) async throws -> [Row] {
        let sql = db as! any SQLDatabase
        struct Raw: Decodable {
            let artifact_id: UUID, key: String, title: String, version: Int, status: String, description: String
            let approved_by: String, approved_at: Date?, approved_version: Int?, nodes: Int
        }
        var query: SQLQueryString = """
            SELECT r.artifact_id, a.key, a.title, a.version, r.status, r.description, r.approved_by, r.approved_at, r.approved_version,
                   (SELECT COUNT(*) FROM architecture_nodes n JOIN artifacts e ON e.id = n.element_id
                    WHERE n.architecture_id = r.artifact_id AND e.deleted_at IS NULL) AS nodes
            FROM architectures r JOIN artifacts a ON a.id = r.artifact_id
            WHERE r.project_id = \(bind: projectID) AND a.deleted_at IS NULL
            """
        if let key { query = query + " AND a.key = \(bind: key)" }
        query = query + " ORDER BY a.key"
        return try await sql.raw(query).all(decoding: Raw.self).map {
            Row(id: $0.artifact_id, key: $0.key, title: $0.title, version: $0.version, status: Architecture.Status(rawValue: $0.status) ?? .draft,
                description: $0.description, approvedBy: $0.approved_by, approvedAt: $0.approved_at, approvedVersion: $0.approved_version,
                nodeCount: $0.nodes)
        }
    }

    /// The live elements an architecture shows.
    public static func nodes(of id: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await ArchitectureNode.query(on: db).filter(\.$architectureID == id).all().map(\.elementID))
    }
}
