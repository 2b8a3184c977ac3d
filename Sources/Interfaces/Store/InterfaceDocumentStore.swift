import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Writes of IDS and ICD documents and their files (editors). Each call runs in the project's write transaction
/// with its audit row; files go to the blob store (size-limited, type sniffed) and are removed with the last
/// reference.
public enum InterfaceDocumentStore {
    public struct Draft: Sendable, Equatable {
        public var kind: InterfaceDocument.Kind
        public var number: String
        public var revision: String
        public var title: String
        public var status: InterfaceDocument.Status
        /// Keys of the interfaces it covers.
        public var interfaces: [String]

        public init(kind: InterfaceDocument.Kind, number: String, revision: String, title: String,
                    status: InterfaceDocument.Status = .draft, interfaces: [String] = [])
        {
            self.kind = kind
            self.number = number
            self.revision = revision
            self.title = title
            self.status = status
            self.interfaces = interfaces
        }
    }

    @discardableResult
    public static func create(_ context: ArtifactContext, _ draft: Draft) async throws -> InterfaceDocument {
        try context.requireRole(.editor, to: "create interface documents")
        return try await context.write { writer in
            let db = writer.database
            let document = InterfaceDocument()
            document.projectID = context.projectID
            try await save(draft, into: document, context, on: db)
            try await audit("interface-document.created", document, context, on: db)
            return document
        }
    }

    public static func update(_ context: ArtifactContext, id: UUID, _ draft: Draft) async throws {
        try context.requireRole(.editor, to: "edit interface documents")
        try await context.write { writer in
            let db = writer.database
            let document = try await find(id, context, on: db)
            try await save(draft, into: document, context, on: db)
            try await audit("interface-document.changed", document, context, on: db)
        }
    }

    public static func delete(_ context: ArtifactContext, id: UUID) async throws {
        try context.requireRole(.editor, to: "delete interface documents")
        try await context.write { writer in
            let db = writer.database
            let document = try await find(id, context, on: db)
            let blobs = try await InterfaceDocumentFile.query(on: db).filter(\.$documentID == id).all().map(\.blobID)
            try await InterfaceDocumentFile.query(on: db).filter(\.$documentID == id).delete()
            try await InterfaceDocumentCoverage.query(on: db).filter(\.$documentID == id).delete()
            try await document.delete(on: db)
            try await BlobReferences.deleteUnreferenced(blobs, on: db)
            try await audit("interface-document.deleted", document, context, on: db)
        }
    }

    /// Stores a file with the document; the name is kept (reduced to safe characters), the type is sniffed.
    @discardableResult
    public static func attach(_ context: ArtifactContext, documentID: UUID, name: String, content: Data) async throws -> InterfaceDocumentFile {
        try context.requireRole(.editor, to: "add files to interface documents")
        let safe = String(name.split(separator: "/").last.map(String.init)?.filter { $0.isLetter || $0.isNumber || "._- ()".contains($0) }
            .prefix(200) ?? "")
        guard !content.isEmpty else { throw FieldsInvalid(field: "file", "choose a file (the upload was empty)") }
        return try await context.write { writer in
            let db = writer.database
            let document = try await find(documentID, context, on: db)
            let blob: Blob
            do {
                blob = try await BlobStore.put(content, projectID: context.projectID, on: db, at: context.now)
            } catch let tooLarge as BlobStore.TooLarge {
                throw FieldsInvalid(field: "file", "\(safe.isEmpty ? "the file" : safe): \(tooLarge.description)")
            }
            let file = InterfaceDocumentFile()
            file.documentID = documentID
            file.blobID = try blob.requireID()
            file.name = safe.isEmpty ? "file" : safe
            file.size = content.count
            file.uploadedAt = context.now
            file.uploadedBy = context.actor.label
            try await file.create(on: db)
            document.updatedAt = context.now
            try await document.update(on: db)
            try await AuditLog.record(AuditEvent("interface-document.file-added", kind: "interface-document", id: documentID.uuidString,
                                                 key: "\(document.number) rev \(document.revision)", project: context.projectID,
                                                 after: ["file": file.name, "sha256": blob.sha256, "size": String(content.count)]),
                                      by: context.actor, on: db, at: context.now)
            return file
        }
    }

    public static func removeFile(_ context: ArtifactContext, documentID: UUID, fileID: UUID) async throws {
        try context.requireRole(.editor, to: "remove files from interface documents")
        try await context.write { writer in
            let db = writer.database
            let document = try await find(documentID, context, on: db)
            guard let file = try await InterfaceDocumentFile.query(on: db).filter(\.$id == fileID).filter(\.$documentID == documentID).first()
            else { throw Abort(.notFound, reason: "This document has no such file.") }
            try await file.delete(on: db)
            try await BlobReferences.deleteUnreferenced([file.blobID], on: db)
            try await AuditLog.record(AuditEvent("interface-document.file-removed", kind: "interface-document", id: documentID.uuidString,
                                                 key: "\(document.number) rev \(document.revision)", project: context.projectID,
                                                 before: ["file": file.name]),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    static func save(_ draft: Draft, into document: InterfaceDocument, _ context: ArtifactContext, on db: any Database) async throws {
        let number = draft.number.trimmingCharacters(in: .whitespaces)
        let revision = draft.revision.trimmingCharacters(in: .whitespaces)
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if number.isEmpty || number.count > 64 { errors.append(.init(field: "number", reason: "the document number must be 1–64 characters")) }
        if revision.isEmpty || revision.count > 16 { errors.append(.init(field: "revision", reason: "the revision must be 1–16 characters, e.g. A or 2.1")) }
        if title.isEmpty || title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        var same = InterfaceDocument.query(on: db).filter(\.$projectID == context.projectID).filter(\.$number == number)
            .filter(\.$revision == revision)
        if let id = document.id { same = same.filter(\.$id != id) }
        if !number.isEmpty, try await same.count() > 0 {
            errors.append(.init(field: "revision", reason: "\(number) revision \(revision) exists already; give the new revision its own letter or number"))
        }
        var keys: [String] = []
        for key in draft.interfaces.map({ $0.trimmingCharacters(in: .whitespaces) }) where !key.isEmpty && !keys.contains(key) { keys.append(key) }
        let rows = try await InterfaceQueries.all(projectID: context.projectID, on: db)
        let byKey = Dictionary(rows.map { ($0.key, $0.id) }, uniquingKeysWith: { a, _ in a })
        let unknown = keys.filter { byKey[$0] == nil }
        if !unknown.isEmpty {
            errors.append(.init(field: "interfaces", reason: "no interface of this project has the key\(unknown.count == 1 ? "" : "s") "
                                + unknown.joined(separator: ", ")))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        document.kind = draft.kind
        document.number = number
        document.revision = revision
        document.title = title
        document.status = draft.status
        document.updatedAt = context.now
        try await document.save(on: db)
        let id = try document.requireID()
        try await InterfaceDocumentCoverage.query(on: db).filter(\.$documentID == id).delete()
        for key in keys {
            let coverage = InterfaceDocumentCoverage()
            coverage.documentID = id
            coverage.interfaceID = byKey[key]!
            try await coverage.create(on: db)
        }
    }

    static func audit(_ action: String, _ document: InterfaceDocument, _ context: ArtifactContext, on db: any Database) async throws {
        try await AuditLog.record(
            AuditEvent(action, kind: "interface-document", id: document.id?.uuidString, key: "\(document.number) rev \(document.revision)",
                       project: context.projectID,
                       after: ["kind": document.kind.rawValue, "title": document.title, "status": document.status.rawValue]),
            by: context.actor, on: db, at: context.now)
    }

    static func find(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> InterfaceDocument {
        guard let document = try await InterfaceDocument.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such interface document in this project.") }
        return document
    }
}
