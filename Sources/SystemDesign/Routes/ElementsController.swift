import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// The system element pages. Handlers are thin: read the form, call `SystemElementStore`, redirect; on a
/// refusal re-render the page with the errors (422).
enum ElementsController {
    struct ElementForm: Content {
        var title: String?
        var level: String?
        var status: String?
        var description: String?
        var parent: String?
        var owner: String?
        var version: Int?

        var draft: ElementDraft {
            ElementDraft(title: title ?? "", description: description ?? "", level: level ?? "",
                         status: SystemElement.Status(rawValue: status ?? "") ?? .proposed, owner: owner ?? "")
        }
    }

    // MARK: the tree

    @Sendable static func tree(_ request: Request) async throws -> Response {
        try await renderTree(request)
    }

    static func renderTree(_ request: Request, form: ElementForm = ElementForm(), levelsText: String? = nil,
                           report: ElementsPage.ImportResult? = nil, errors: [ProblemDetails.FieldError] = [])
        async throws -> Response
    {
        let access = try request.requireProject()
        let rows = try await SystemElementQueries.tree(projectID: access.projectID, on: request.db)
        let levels = try await SystemDesignSettings.of(access.projectID, on: request.db).levelList
        let relations = try await SystemElementQueries.relations(projectID: access.projectID, kind: SystemDesignKinds.dependsOn.id,
                                                                 on: request.db)
        return request.render(ElementsPage(access: access, rows: rows, levels: levels, relations: relations, csrfToken: request.csrfToken,
                                           organisations: try await ScopeController.organisationChoices(access.projectID, on: request.db),
                                           form: form,
                                           levelsText: levelsText ?? levels.joined(separator: "\n"), importResult: report,
                                           errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(ElementForm.self)
        do {
            let parentID = try await elementID(form.parent, field: "parent", request)
            let artifact = try await SystemElementStore.create(try ArtifactContext(request), draft: form.draft, parentID: parentID)
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: SystemDesignRoute.elements(project: access.key).path + "#tree", redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderTree(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func saveLevels(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content { var levels: String? }
        let text = try request.content.decode(Form.self).levels ?? ""
        do {
            try await SystemElementStore.saveLevels(try ArtifactContext(request), levels: text.components(separatedBy: .newlines))
            request.flash(.success, "Levels saved.")
            return request.redirect(to: SystemDesignRoute.elements(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderTree(request, levelsText: text, errors: invalid.errors)
        }
    }

    /// JSON for the element picker of every form that names an element (the session's own route: the API takes
    /// bearer tokens only).
    @Sendable static func picker(_ request: Request) async throws -> ElementDTOs.ElementList {
        let access = try request.requireProject()
        let query = request.query[String.self, at: "q"] ?? ""
        let hits = try await SystemElementQueries.search(query, projectID: access.projectID, limit: 20, on: request.db)
        return .init(items: hits.map { .init($0, parentKey: nil) })
    }

    @Sendable static func treeSVG(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let diagram = try await ElementDiagram.make(access, on: request.db)
        let response = Response(status: .ok, body: .init(string: diagram.svg.render()))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(access.key)-element-tree.svg\"")
        return response
    }

    @Sendable static func treeDrawIO(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let diagram = try await ElementDiagram.make(access, on: request.db)
        return ElementSheet.attachment(Data(try diagram.svg.drawIO(ids: diagram.keys).utf8), type: "application/xml",
                                       file: "\(access.key)-element-tree.drawio")
    }

    @Sendable static func exportCSV(_ request: Request) async throws -> Response {
        try await ElementSheet.download(format: "csv", project: try request.requireProject(), on: request.db)
    }

    @Sendable static func exportXLSX(_ request: Request) async throws -> Response {
        try await ElementSheet.download(format: "xlsx", project: try request.requireProject(), on: request.db)
    }

    /// A file upload is checked and compared (nothing stored); the comparison page posts the checked sheet back
    /// as `sheet`, which applies it in one transaction.
    @Sendable static func importSheet(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content {
            var file: File?
            var sheet: String?
            var name: String?
        }
        let form = try? request.content.decode(Form.self)
        let context = try ArtifactContext(request)
        do {
            if let sheet = form?.sheet, let name = form?.name {
                // The checked sheet comes back as CSV text, whatever the uploaded file was.
                let table = try ElementSheet.read(Data(sheet.utf8), file: name, csv: true)
                let report = try await ElementTableImport.run(context, table: table, file: name, dryRun: false)
                request.flash(.success, "Imported \(name): \(report.created.count) new, \(report.changed.count) changed, "
                              + "\(report.unchanged.count) unchanged.")
                return request.redirect(to: SystemDesignRoute.elements(project: access.key).path, redirectType: .normal)
            }
            guard let file = form?.file, file.data.readableBytes > 0 else {
                throw FieldsInvalid(field: "file", "choose a .csv or .xlsx file")
            }
            let name = file.filename.isEmpty ? "elements.csv" : file.filename
            let table = try ElementSheet.read(Data(buffer: file.data), file: name)
            let report = try await ElementTableImport.run(context, table: table, file: name, dryRun: true)
            let checked = String(decoding: table.write(), as: UTF8.self)
            return try await renderTree(request, report: .init(file: name, report: report, sheet: checked))
        } catch let invalid as ElementImportInvalid {
            return try await renderTree(request, errors: invalid.errors.map { .init(field: "file", reason: $0.description + ".") })
        } catch let invalid as FieldsInvalid {
            return try await renderTree(request, errors: invalid.errors.map { .init(field: "file", reason: $0.reason.sentenceCased) })
        }
    }

    // MARK: one element

    @Sendable static func element(_ request: Request) async throws -> Response {
        try await renderElement(request)
    }

    static func renderElement(_ request: Request, form: ElementForm? = nil, errors: [ProblemDetails.FieldError] = [])
        async throws -> Response
    {
        let access = try request.requireProject()
        let (row, parentKey) = try await ElementsAPIController.element(request)
        let detail = try await ElementDetail.load(row, parentKey: parentKey, access: access, registry: request.artifactRegistry,
                                                  on: request.db)
        let levels = try await SystemDesignSettings.of(access.projectID, on: request.db).levelList
        return request.render(ElementPage(access: access, detail: detail, levels: levels, csrfToken: request.csrfToken,
                                          organisations: try await ScopeController.organisationChoices(access.projectID, on: request.db),
                                          inheritedOwner: row.ownerCode.isEmpty
                                              ? try await SystemElementQueries.effectiveOwners(projectID: access.projectID, on: request.db)[row.id]
                                              : nil,
                                          form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (row, _) = try await ElementsAPIController.element(request)
        let form = try request.content.decode(ElementForm.self)
        do {
            try await SystemElementStore.update(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0,
                                                draft: form.draft)
            request.flash(.success, "\(row.key) saved.")
            return request.redirect(to: SystemDesignRoute.element(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderElement(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (row, _) = try await ElementsAPIController.element(request)
        let form = try request.content.decode(ElementForm.self)
        do {
            let parentID = try await elementID(form.parent, field: "parent", request)
            try await SystemElementStore.move(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0,
                                              under: parentID)
            request.flash(.success, "\(row.key) moved.")
            return request.redirect(to: SystemDesignRoute.element(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderElement(request, errors: invalid.errors.map { .init(field: "move", reason: $0.reason) })
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (row, _) = try await ElementsAPIController.element(request)
        let form = try request.content.decode(ElementForm.self)
        do {
            try await SystemElementStore.delete(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0)
            request.flash(.success, "\(row.key) deleted.")
            return request.redirect(to: SystemDesignRoute.elements(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderElement(request, errors: invalid.errors.map { .init(field: "delete", reason: $0.reason) })
        }
    }

    @Sendable static func relate(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (row, _) = try await ElementsAPIController.element(request)
        struct Form: Content {
            var kind: String?
            var target: String?
        }
        let form = try request.content.decode(Form.self)
        do {
            try await SystemElementStore.relate(try ArtifactContext(request), kind: form.kind ?? "", from: row.id, to: form.target ?? "")
            request.flash(.success, "Relation added.")
            return request.redirect(to: SystemDesignRoute.element(project: access.key, key: row.key).path + "#relations",
                                    redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderElement(request, errors: invalid.errors.map { .init(field: "relation", reason: $0.reason) })
        }
    }

    @Sendable static func unrelate(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let linkID = request.parameters.get("linkID", as: UUID.self) else { throw Abort(.notFound) }
        struct Form: Content { var element: String? }
        try await SystemElementStore.unrelate(try ArtifactContext(request), linkID: linkID)
        request.flash(.success, "Relation removed.")
        let back = (try? request.content.decode(Form.self))?.element.map { SystemDesignRoute.element(project: access.key, key: $0).path + "#relations" }
        return request.redirect(to: back ?? SystemDesignRoute.elements(project: access.key).path, redirectType: .normal)
    }

    /// The id of the element a form names by key (nil for an empty field), or a refusal on `field`.
    static func elementID(_ key: String?, field: String, _ request: Request) async throws -> UUID? {
        let access = try request.requireProject()
        guard let key = key?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        guard let row = try await SystemElementQueries.element(key: key, projectID: access.projectID, on: request.db) else {
            throw FieldsInvalid(field: field, "there is no element “\(key)” in \(access.key)")
        }
        return row.id
    }
}
