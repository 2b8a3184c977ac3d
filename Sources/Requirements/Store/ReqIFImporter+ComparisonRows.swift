import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// What the comparison reads of the project, as plain values straight from the driver (`RowStream`): a file's
/// identities are a few per object, and a Fluent model for each of them and for each object's artifact and
/// document row (every model keeps its whole row) was most of a large re-import's memory — gigabytes at 100k
/// objects.
extension ReqIFImporter.Comparison {
    /// A `ReqIFIdentity` row.
    struct IdentityRow: Sendable {
        var id: UUID
        var targetID: UUID?
        var moduleID: UUID?
        var detail: String
    }

    /// An object the project has: its live artifact and its document row.
    struct ExistingItem: Sendable {
        var artifactID: UUID
        var key: String
        var title: String
        var version: Int
        var moduleID: UUID
        var parentID: UUID?
        var position: Int
        var itemType: DocumentItem.ItemType
    }

    static func identityRows(projectID: UUID, on db: any Database) async throws -> [ReqIFIdentity.Role: [String: IdentityRow]] {
        let rows = try await RowStream.map(
            "SELECT id, role, identifier, target_id, module_id, detail FROM reqif_identities WHERE project_id = $1",
            [.uuid(projectID)], on: db
        ) { row in
            (role: try row.string(1), identifier: try row.string(2),
             row: IdentityRow(id: try row.uuid(0), targetID: try row.optionalUUID(3), moduleID: try row.optionalUUID(4), detail: try row.string(5)))
        }
        var identities: [ReqIFIdentity.Role: [String: IdentityRow]] = [:]
        for entry in rows {
            guard let role = ReqIFIdentity.Role(rawValue: entry.role) else { continue }
            identities[role, default: [:]][entry.identifier] = entry.row
        }
        return identities
    }

    /// The live artifacts among `ids` that have a document row.
    static func existingItems(_ ids: [UUID], on db: any Database) async throws -> [UUID: ExistingItem] {
        let rows = try await RowStream.map("""
            SELECT i.artifact_id, i.module_id, i.parent_id, i.position, i.item_type, a.key, a.title, a.version
            FROM requirement_items i JOIN artifacts a ON a.id = i.artifact_id
            WHERE a.deleted_at IS NULL AND i.artifact_id IN ($ids)
            """, ids: ids, on: db
        ) { row in
            guard let type = DocumentItem.ItemType(rawValue: try row.string(4)) else {
                throw Abort(.internalServerError, reason: "A document row has an unknown item type.")
            }
            return ExistingItem(artifactID: try row.uuid(0), key: try row.string(5), title: try row.string(6), version: try row.int(7),
                                moduleID: try row.uuid(1), parentID: try row.optionalUUID(2), position: try row.int(3), itemType: type)
        }
        return Dictionary(rows.map { ($0.artifactID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The snapshots (canonical JSON) of the current versions of `ids`.
    static func currentContents(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        let rows = try await RowStream.map("""
            SELECT v.artifact_id, v.content FROM artifact_versions v JOIN artifacts a ON a.id = v.artifact_id AND a.version = v.version
            WHERE v.artifact_id IN ($ids)
            """, ids: ids, on: db
        ) { row in (try row.uuid(0), try row.string(1)) }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }

    /// Key and title of the live artifacts among `ids`.
    static func liveArtifacts(_ ids: [UUID], on db: any Database) async throws -> [UUID: (key: String, title: String)] {
        let rows = try await RowStream.map(
            "SELECT id, key, title FROM artifacts WHERE deleted_at IS NULL AND id IN ($ids)", ids: ids, on: db
        ) { row in (try row.uuid(0), (key: try row.string(1), title: try row.string(2))) }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }
}
