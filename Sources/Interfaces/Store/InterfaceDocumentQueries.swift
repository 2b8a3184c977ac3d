import Fluent
import Foundation
import Platform
import SQLKit

/// Reads of interface documents, scoped by project.
public enum InterfaceDocumentQueries {
    public struct Row: Sendable {
        public let document: InterfaceDocument
        /// Keys of the live interfaces it covers, in key order.
        public let interfaces: [String]
        public let files: [InterfaceDocumentFile]
    }

    public static func all(projectID: UUID, on db: any Database) async throws -> [Row] {
        let documents = try await InterfaceDocument.query(on: db).filter(\.$projectID == projectID)
            .sort(\.$number).sort(\.$revision).all()
        return try await rows(documents, projectID: projectID, on: db)
    }

    public static func document(_ id: UUID, projectID: UUID, on db: any Database) async throws -> Row? {
        guard let document = try await InterfaceDocument.query(on: db).filter(\.$id == id).filter(\.$projectID == projectID).first()
        else { return nil }
        return try await rows([document], projectID: projectID, on: db).first
    }

    /// The documents that cover an interface.
    public static func covering(_ interfaceID: UUID, projectID: UUID, on db: any Database) async throws -> [Row] {
        let ids = try await InterfaceDocumentCoverage.query(on: db).filter(\.$interfaceID == interfaceID).all().map(\.documentID)
        guard !ids.isEmpty else { return [] }
        let documents = try await InterfaceDocument.query(on: db).filter(\.$projectID == projectID).filter(\.$id ~~ ids)
            .sort(\.$number).sort(\.$revision).all()
        return try await rows(documents, projectID: projectID, on: db)
    }

    public static func file(_ fileID: UUID, documentID: UUID, projectID: UUID, on db: any Database) async throws -> (InterfaceDocumentFile, Blob)? {
        guard try await InterfaceDocument.query(on: db).filter(\.$id == documentID).filter(\.$projectID == projectID).count() == 1,
              let file = try await InterfaceDocumentFile.query(on: db).filter(\.$id == fileID).filter(\.$documentID == documentID).first(),
              let blob = try await Blob.query(on: db).filter(\.$id == file.blobID).filter(\.$projectID == projectID).first()
        else { return nil }
        return (file, blob)
    }

    static func rows(_ documents: [InterfaceDocument], projectID: UUID, on db: any Database) async throws -> [Row] {
        let ids = try documents.map { try $0.requireID() }
        guard !ids.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        struct Raw: Decodable { let document_id: UUID, key: String }
        let covered = try await sql.select().column(SQLColumn("document_id", table: "c")).column(SQLColumn("key", table: "a"))
            .from(SQLAlias(SQLIdentifier(InterfaceDocumentCoverage.schema), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier("artifacts"), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal, SQLColumn("interface_id", table: "c"))
            .where(SQLColumn("document_id", table: "c"), .in, SQLBind.group(ids))
            .where(SQLColumn("deleted_at", table: "a"), .is, SQLLiteral.null)
            .orderBy(SQLColumn("key", table: "a"))
            .all(decoding: Raw.self)
        let keys = Dictionary(grouping: covered, by: \.document_id).mapValues { $0.map(\.key) }
        let files = Dictionary(grouping: try await InterfaceDocumentFile.query(on: db).filter(\.$documentID ~~ ids).sort(\.$uploadedAt).all(),
                               by: \.documentID)
        return documents.map { Row(document: $0, interfaces: keys[$0.id!] ?? [], files: files[$0.id!] ?? []) }
    }
}
