import Fluent
import Foundation
import Platform

/// The ReqIFZ attachments of a module: listed on its document page, downloaded by its members.
public enum ReqIFAttachments {
    public struct Entry: Sendable {
        public let id: UUID
        public let path: String
        public let size: Int
    }

    public static func list(moduleID: UUID, on db: any Database) async throws -> [Entry] {
        let rows = try await ReqIFAttachment.query(on: db).filter(\.$moduleID == moduleID).sort(\.$path).all()
        guard !rows.isEmpty else { return [] }
        let sizes = try await Blob.query(on: db).filter(\.$id ~~ rows.map(\.blobID)).field(\.$id).field(\.$size).all()
        return try rows.map { row in
            Entry(id: try row.requireID(), path: row.path, size: sizes.first { $0.id == row.blobID }?.size ?? 0)
        }
    }

    /// The attachment `id` of the module and its content; nil when the module has no such attachment.
    public static func find(_ id: UUID, moduleID: UUID, on db: any Database) async throws -> (path: String, blob: Blob)? {
        guard let row = try await ReqIFAttachment.query(on: db).filter(\.$id == id).filter(\.$moduleID == moduleID).first(),
            let blob = try await Blob.find(row.blobID, on: db)
        else { return nil }
        return (row.path, blob)
    }
}
