import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Architecture pages: the list with the new-architecture form, one architecture with its generated view, review
/// buttons and edit form, and the view's SVG and draw.io downloads.
enum ArchitecturesController {
    static let keyParameter = "architectureKey"

    struct ArchitectureForm: Content {
        var title: String?
        var description: String?
        /// Element keys separated by spaces, commas or lines.
        var nodes: String?
        var version: Int?

        var draft: ArchitectureStore.Draft {
            ArchitectureStore.Draft(title: title ?? "", description: description ?? "", nodes: Self.keys(nodes ?? ""))
        }

        static func keys(_ text: String) -> [String] {
            text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" }).map(String.init)
        }
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await renderList(request)
    }

    static func renderList(_ request: Request, form: ArchitectureForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let rows = try await ArchitectureQueries.all(projectID: access.projectID, on: request.db)
        return request.render(ArchitecturesPage(access: access, rows: rows, csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(ArchitectureForm.self)
        do {
            let artifact = try await ArchitectureStore.create(try ArtifactContext(request), draft: form.draft)
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: SystemDesignRoute.architecture(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func architecture(_ request: Request) async throws -> Response {
        try await render(request)
    }

    static func render(_ request: Request, form: ArchitectureForm? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        let diagram = try await ArchitectureDiagram.load(row, project: access.key, projectID: access.projectID, on: request.db)
        return request.render(ArchitecturePage(access: access, row: row, diagram: diagram, csrfToken: request.csrfToken, form: form,
                                               errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        let form = try request.content.decode(ArchitectureForm.self)
        do {
            try await ArchitectureStore.update(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0, draft: form.draft)
            request.flash(.success, "\(row.key) saved.")
            return request.redirect(to: SystemDesignRoute.architecture(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func status(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        struct Form: Content { var status: String?; var version: Int? }
        let form = try request.content.decode(Form.self)
        do {
            let target = try ArchitecturesAPIController.status(form.status)
            try await ArchitectureStore.transition(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0, to: target)
            request.flash(.success, "\(row.key) is \(ArchitectureStore.label(target)).")
            return request.redirect(to: SystemDesignRoute.architecture(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        struct Form: Content { var version: Int? }
        do {
            try await ArchitectureStore.delete(try ArtifactContext(request), id: row.id, expectedVersion: try request.content.decode(Form.self).version ?? 0)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
        request.flash(.success, "\(row.key) deleted.")
        return request.redirect(to: SystemDesignRoute.architectures(project: access.key).path, redirectType: .normal)
    }

    @Sendable static func svg(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        let diagram = try await ArchitectureDiagram.load(row, project: access.key, projectID: access.projectID, on: request.db)
        let response = Response(status: .ok, body: .init(string: diagram.svg.render()))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(access.key)-\(row.key).svg\"")
        return response
    }

    @Sendable static func drawIO(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await find(request)
        let diagram = try await ArchitectureDiagram.load(row, project: access.key, projectID: access.projectID, on: request.db)
        return ElementSheet.attachment(Data(try diagram.svg.drawIO(ids: diagram.keys).utf8), type: "application/xml",
                                       file: "\(access.key)-\(row.key).drawio")
    }

    static func find(_ request: Request) async throws -> ArchitectureQueries.Row {
        let access = try request.requireProject()
        let key = request.parameters.get(keyParameter) ?? ""
        guard let row = try await ArchitectureQueries.architecture(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no architecture \(key) in \(access.key).")
        }
        return row
    }
}
