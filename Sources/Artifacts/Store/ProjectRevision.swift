import Fluent
import Foundation
import SQLKit

/// The per-project revision counter: bumped once by every artifact write transaction, so anything cached per
/// project (the trace graph) knows it is stale by comparing one number — across every instance.
public enum ProjectRevision {
    /// Increments and returns the revision. The row update is also the project's write lock on PostgreSQL.
    static func bump(_ projectID: UUID, on database: any Database) async throws -> Int64 {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO project_revisions (project_id, revision) VALUES (\(bind: projectID), 1)
            ON CONFLICT (project_id) DO UPDATE SET revision = project_revisions.revision + 1
            RETURNING revision
            """).first()
        guard let revision = try row?.decode(column: "revision", as: Int64.self) else {
            throw ArtifactStoreError.noRevision
        }
        return revision
    }

    /// The current revision (0 before the first write).
    public static func current(_ projectID: UUID, on database: any Database) async throws -> Int64 {
        let sql = database as! any SQLDatabase
        let row = try await sql.select().column("revision").from("project_revisions")
            .where("project_id", .equal, SQLBind(projectID)).first()
        return try row?.decode(column: "revision", as: Int64.self) ?? 0
    }
}

/// Per (project, key prefix) counters for generated keys. Numbers are never handed out twice, even after a
/// deletion, so a key always means one artifact.
enum ArtifactKeyCounter {
    static func next(projectID: UUID, prefix: String, on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO artifact_key_counters (project_id, prefix, last_number) VALUES (\(bind: projectID), \(bind: prefix), 1)
            ON CONFLICT (project_id, prefix) DO UPDATE SET last_number = artifact_key_counters.last_number + 1
            RETURNING last_number
            """).first()
        guard let number = try row?.decode(column: "last_number", as: Int64.self) else { throw ArtifactStoreError.noKey }
        return Int(number)
    }

    /// Hands out `count` numbers at once; returns the last (the first is `last - count + 1`).
    static func reserve(projectID: UUID, prefix: String, count: Int, on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO artifact_key_counters (project_id, prefix, last_number) VALUES (\(bind: projectID), \(bind: prefix), \(bind: Int64(count)))
            ON CONFLICT (project_id, prefix) DO UPDATE SET last_number = artifact_key_counters.last_number + \(bind: Int64(count))
            RETURNING last_number
            """).first()
        guard let number = try row?.decode(column: "last_number", as: Int64.self) else { throw ArtifactStoreError.noKey }
        return Int(number)
    }

    /// Moves the counter to at least `number` (after an import brought its own keys).
    static func raise(projectID: UUID, prefix: String, to number: Int, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO artifact_key_counters (project_id, prefix, last_number) VALUES (\(bind: projectID), \(bind: prefix), \(bind: Int64(number)))
            ON CONFLICT (project_id, prefix) DO UPDATE SET last_number = CASE
                WHEN artifact_key_counters.last_number < \(bind: Int64(number)) THEN \(bind: Int64(number))
                ELSE artifact_key_counters.last_number END
            """).run()
    }
}

enum ArtifactStoreError: Error {
    case noRevision, noKey, missingVersion
}
