import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// IDS and ICD document pages and API: thin handlers over `InterfaceDocumentStore` and `InterfaceDocumentQueries`.
enum InterfaceDocumentsController {
    static let idParameter = "documentID"

    struct DocumentForm: Content {
        var kind: String?
        var number: String?
        var revision: String?
        var title: String?
        var status: String?
        /// Interface keys separated by spaces, commas or lines (forms) — the API sends a list.
        var interfaces: String?

        func draft() throws -> InterfaceDocumentStore.Draft {
            try InterfaceDocumentsController.draft(kind: kind, number: number, revision: revision, title: title, status: status,
                                                   interfaces: (interfaces ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init))
        }
    }

    static func draft(kind: String?, number: String?, revision: String?, title: String?, status: String?, interfaces: [String]) throws
        -> InterfaceDocumentStore.Draft
    {
        guard let kind = InterfaceDocument.Kind(rawValue: (kind ?? "icd").lowercased()) else {
            throw FieldsInvalid(field: "kind", "“\(kind ?? "")” is not a document kind (ids, icd)")
        }
        var documentStatus = InterfaceDocument.Status.draft
        if let status, !status.isEmpty {
            guard let parsed = InterfaceDocument.Status(rawValue: status) else {
                throw FieldsInvalid(field: "status", "“\(status)” is not a document status (draft, released, superseded)")
            }
            documentStatus = parsed
        }
        return .init(kind: kind, number: number ?? "", revision: revision ?? "", title: title ?? "", status: documentStatus, interfaces: interfaces)
    }

    // MARK: pages

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await renderList(request)
    }

    static func renderList(_ request: Request, form: DocumentForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let rows = try await InterfaceDocumentQueries.all(projectID: access.projectID, on: request.db)
        return request.render(InterfaceDocumentsPage(access: access, rows: rows, csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(DocumentForm.self)
        do {
            let document = try await InterfaceDocumentStore.create(try ArtifactContext(request), try form.draft())
            request.flash(.success, "\(document.kind.label) \(document.number) revision \(document.revision) created.")
            return request.redirect(to: InterfacesRoute.document(project: access.key, id: try document.requireID()).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func document(_ request: Request) async throws -> Response {
        try await render(request)
    }

    static func render(_ request: Request, form: DocumentForm? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        return request.render(InterfaceDocumentPage(access: access, row: row, csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        let form = try request.content.decode(DocumentForm.self)
        do {
            try await InterfaceDocumentStore.update(try ArtifactContext(request), id: try row.document.requireID(), try form.draft())
            request.flash(.success, "Document saved.")
            return request.redirect(to: InterfacesRoute.document(project: access.key, id: try row.document.requireID()).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        try await InterfaceDocumentStore.delete(try ArtifactContext(request), id: try row.document.requireID())
        request.flash(.success, "\(row.document.number) revision \(row.document.revision) deleted.")
        return request.redirect(to: InterfacesRoute.documents(project: access.key).path, redirectType: .normal)
    }

    @Sendable static func upload(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        struct Form: Content { var file: File? }
        do {
            guard let file = (try? request.content.decode(Form.self))?.file, file.data.readableBytes > 0 else {
                throw FieldsInvalid(field: "file", "choose a file to add")
            }
            try await InterfaceDocumentStore.attach(try ArtifactContext(request), documentID: try row.document.requireID(),
                                                    name: file.filename, content: Data(buffer: file.data))
            request.flash(.success, "\(file.filename) added.")
            return request.redirect(to: InterfacesRoute.document(project: access.key, id: try row.document.requireID()).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }

    @Sendable static func removeFile(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        guard let fileID = request.parameters.get("fileID", as: UUID.self) else { throw Abort(.notFound) }
        try await InterfaceDocumentStore.removeFile(try ArtifactContext(request), documentID: try row.document.requireID(), fileID: fileID)
        request.flash(.success, "File removed.")
        return request.redirect(to: InterfacesRoute.document(project: access.key, id: try row.document.requireID()).path, redirectType: .normal)
    }

    /// A document's file, to members only and always as a download: its content came from outside, so it is never
    /// rendered in SESA's origin.
    @Sendable static func download(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let documentID = request.parameters.get(idParameter, as: UUID.self), let fileID = request.parameters.get("fileID", as: UUID.self),
              let (file, blob) = try await InterfaceDocumentQueries.file(fileID, documentID: documentID, projectID: access.projectID, on: request.db)
        else { throw Abort(.notFound, reason: "This document has no such file.") }
        let response = Response(status: .ok, body: .init(data: blob.content))
        response.headers.replaceOrAdd(name: .contentType, value: blob.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.name)\"")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    static func find(_ request: Request) async throws -> InterfaceDocumentQueries.Row {
        let access = try request.requireProject()
        guard let id = request.parameters.get(idParameter, as: UUID.self),
              let row = try await InterfaceDocumentQueries.document(id, projectID: access.projectID, on: request.db)
        else { throw Abort(.notFound, reason: "There is no such interface document in \(access.key).") }
        return row
    }

    // MARK: API

    struct DocumentDTO: Content {
        struct FileDTO: Content {
            var id: UUID
            var name: String
            var size: Int
            var uploadedAt: Date
            var uploadedBy: String
            enum CodingKeys: String, CodingKey {
                case id, name, size
                case uploadedAt = "uploaded_at"
                case uploadedBy = "uploaded_by"
            }
        }
        var id: UUID
        var kind: String
        var number: String
        var revision: String
        var title: String
        var status: String
        var interfaces: [String]
        var files: [FileDTO]

        init(_ row: InterfaceDocumentQueries.Row) {
            id = row.document.id!
            kind = row.document.kind.rawValue
            number = row.document.number
            revision = row.document.revision
            title = row.document.title
            status = row.document.status.rawValue
            interfaces = row.interfaces
            files = row.files.map { FileDTO(id: $0.id!, name: $0.name, size: $0.size, uploadedAt: $0.uploadedAt, uploadedBy: $0.uploadedBy) }
        }

        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("kind", .string(enumValues: InterfaceDocument.Kind.allCases.map(\.rawValue))),
            ("number", .string()), ("revision", .string()), ("title", .string()),
            ("status", .string(enumValues: InterfaceDocument.Status.allCases.map(\.rawValue))),
            ("interfaces", .array(.string(), description: "Keys of the interfaces it covers")),
            ("files", .array(.object([("id", .string(format: "uuid")), ("name", .string()), ("size", .integer()),
                                      ("uploaded_at", .string(format: "date-time")), ("uploaded_by", .string())],
                                     required: ["id", "name", "size", "uploaded_at", "uploaded_by"]))),
        ], required: ["id", "kind", "number", "revision", "title", "status", "interfaces", "files"])
    }

    struct DocumentInput: Content {
        var kind: String?
        var number: String?
        var revision: String?
        var title: String?
        var status: String?
        var interfaces: [String]?

        static let schema = JSONSchema.object([
            ("kind", .string(enumValues: InterfaceDocument.Kind.allCases.map(\.rawValue))), ("number", .string()), ("revision", .string()),
            ("title", .string()), ("status", .string(enumValues: InterfaceDocument.Status.allCases.map(\.rawValue))),
            ("interfaces", .array(.string(), description: "Interface keys")),
        ], required: ["kind", "number", "revision", "title"])

        func draft() throws -> InterfaceDocumentStore.Draft {
            try InterfaceDocumentsController.draft(kind: kind, number: number, revision: revision, title: title, status: status,
                                                   interfaces: interfaces ?? [])
        }
    }

    struct Items: Content { var items: [DocumentDTO] }

    @Sendable static func apiList(_ request: Request) async throws -> Items {
        let access = try request.requireProject()
        return Items(items: try await InterfaceDocumentQueries.all(projectID: access.projectID, on: request.db).map(DocumentDTO.init))
    }

    @Sendable static func apiShow(_ request: Request) async throws -> DocumentDTO { DocumentDTO(try await find(request)) }

    @Sendable static func apiCreate(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let document = try await InterfaceDocumentStore.create(try ArtifactContext(request), try request.content.decode(DocumentInput.self).draft())
        guard let row = try await InterfaceDocumentQueries.document(try document.requireID(), projectID: access.projectID, on: request.db)
        else { throw Abort(.notFound) }
        return try await DocumentDTO(row).encodeResponse(status: .created, for: request)
    }

    @Sendable static func apiUpdate(_ request: Request) async throws -> DocumentDTO {
        let row = try await find(request)
        try await InterfaceDocumentStore.update(try ArtifactContext(request), id: try row.document.requireID(),
                                                try request.content.decode(DocumentInput.self).draft())
        return DocumentDTO(try await find(request))
    }

    @Sendable static func apiDelete(_ request: Request) async throws -> HTTPStatus {
        let row = try await find(request)
        try await InterfaceDocumentStore.delete(try ArtifactContext(request), id: try row.document.requireID())
        return .noContent
    }

    /// The body is the file; `?name=` its name.
    @Sendable static func apiUpload(_ request: Request) async throws -> Response {
        let row = try await find(request)
        let data = request.body.data.map { Data(buffer: $0) } ?? Data()
        try await InterfaceDocumentStore.attach(try ArtifactContext(request), documentID: try row.document.requireID(),
                                                name: request.query[String.self, at: "name"] ?? "file", content: data)
        return try await DocumentDTO(try await find(request)).encodeResponse(status: .created, for: request)
    }
}
