import Artifacts
import Fluent
import Foundation
import Governance
import Interchange
import Platform
import SystemDesign
import Vapor

/// The interface pages and the N² matrix. Handlers are thin: read the form, call `InterfaceStore`, redirect; on a
/// refusal re-render the page with the errors (422).
enum InterfacesController {
    struct InterfaceForm: Content {
        var title: String?
        var side_a: String?
        var side_b: String?
        var type: String?
        var direction: String?
        var medium: String?
        var status: String?
        var description: String?
        var owner: String?
        var interface_id: String?
        var side_a_org: String?
        var side_b_org: String?
        var version: Int?

        func draft(_ request: Request) async throws -> InterfaceDraft {
            try await InterfaceRequest.draft(title: title, sideA: side_a, sideB: side_b, type: type, direction: direction,
                                             medium: medium, status: status, description: description, owner: owner,
                                             interfaceID: interface_id, sideAOrg: side_a_org, sideBOrg: side_b_org, request)
        }
    }

    // MARK: list

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await renderList(request)
    }

    static func renderList(_ request: Request, form: InterfaceForm = InterfaceForm(), typesText: String? = nil,
                           checked: SheetImportForm.Checked? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response
    {
        let access = try request.requireProject()
        let filter = try InterfaceRequest.filter(request)
        var rows = try await InterfaceQueries.all(projectID: access.projectID, on: request.db)
        var scope: String?
        if let from = request.query[String.self, at: "from"], let to = request.query[String.self, at: "to"] {
            // A cell of the N² matrix: what flows between the two elements at the matrix's level.
            let (view, _, _) = try await InterfaceRequest.view(request)
            if let row = view.row(of: from), let column = view.row(of: to) {
                rows = view.interfaces(row, column)
                scope = row == column ? "inside \(from) and its parts" : "from \(from) (and its parts) to \(to) (and its parts)"
            } else {
                rows = []
                scope = "between \(from) and \(to), which are not both elements at level \(view.level)"
            }
        } else {
            rows = rows.filter(filter.admits)
            if let element = request.query[String.self, at: "element"], !element.isEmpty {
                rows = rows.filter { $0.sideAKey == element || $0.sideBKey == element }
                scope = "at \(element)"
            }
        }
        let types = try await InterfaceSettings.of(access.projectID, on: request.db).typeList
        return request.render(InterfacesPage(access: access, rows: rows, scope: scope, types: types, filter: filter,
                                             organisations: try await organisationChoices(access.projectID, any: "none", on: request.db),
                                             csrfToken: request.csrfToken, form: form,
                                             typesText: typesText ?? types.joined(separator: "\n"), checked: checked, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(InterfaceForm.self)
        do {
            let artifact = try await InterfaceStore.create(try ArtifactContext(request), draft: try await form.draft(request))
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: InterfacesRoute.interface(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func saveTypes(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content { var types: String? }
        let text = try request.content.decode(Form.self).types ?? ""
        do {
            try await InterfaceStore.saveTypes(try ArtifactContext(request), types: text.components(separatedBy: .newlines))
            request.flash(.success, "Interface types saved.")
            return request.redirect(to: InterfacesRoute.list(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, typesText: text, errors: invalid.errors)
        }
    }

    // MARK: one interface

    @Sendable static func interface(_ request: Request) async throws -> Response {
        try await renderInterface(request)
    }

    static func renderInterface(_ request: Request, form: InterfaceForm? = nil, errors: [ProblemDetails.FieldError] = [])
        async throws -> Response
    {
        let access = try request.requireProject()
        let row = try await InterfaceRequest.interface(request)
        let types = try await InterfaceSettings.of(access.projectID, on: request.db).typeList
        guard let artifact = try await Artifact.find(row.id, on: request.db) else { throw Abort(.notFound) }
        let (outgoing, incoming) = try await ArtifactQueries.links(of: artifact, on: request.db)
        let links = outgoing.map { (request.artifactRegistry.linkKind($0.link.kind)?.label ?? $0.link.kind, $0.otherKey, $0.link.suspect) }
            + incoming.map { (request.artifactRegistry.linkKind($0.link.kind)?.inverseLabel ?? $0.link.kind, $0.otherKey, $0.link.suspect) }
        return request.render(InterfacePage(access: access, row: row, types: types + (types.contains(row.type) ? [] : [row.type]),
                                            organisations: try await organisationChoices(access.projectID, any: "none", on: request.db),
                                            links: links.map { .init(label: $0.0, otherKey: $0.1, suspect: $0.2) },
                                            documents: try await InterfaceDocumentQueries.covering(row.id, projectID: access.projectID, on: request.db),
                                            csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await InterfaceRequest.interface(request)
        let form = try request.content.decode(InterfaceForm.self)
        do {
            try await InterfaceStore.update(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0,
                                            draft: try await form.draft(request))
            request.flash(.success, "\(row.key) saved.")
            return request.redirect(to: InterfacesRoute.interface(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderInterface(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await InterfaceRequest.interface(request)
        let form = try request.content.decode(InterfaceForm.self)
        try await InterfaceStore.delete(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0)
        request.flash(.success, "\(row.key) deleted.")
        return request.redirect(to: InterfacesRoute.list(project: access.key).path, redirectType: .normal)
    }

    /// ("", `any`) and each delivery organisation as (code, "Name (CODE)").
    static func organisationChoices(_ projectID: UUID, any: String, on db: any Database) async throws -> [(value: String, title: String)] {
        [("", any)] + (try await GovernanceQueries.organisations(projectID: projectID, on: db)).map { ($0.code, $0.label) }
    }

    @Sendable static func dashboard(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        return request.render(DesignDashboardPage(access: access, dashboard: try await DesignDashboard.load(projectID: access.projectID, on: request.db)))
    }

    @Sendable static func gaps(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        return request.render(InterfaceGapsPage(access: access, gaps: try await InterfaceGaps.load(projectID: access.projectID, on: request.db)))
    }

    // MARK: N²

    @Sendable static func n2(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (view, levels, filter) = try await InterfaceRequest.view(request)
        let types = try await InterfaceSettings.of(access.projectID, on: request.db).typeList
        return request.render(N2Page(access: access, view: view, levels: levels, types: types, filter: filter,
                                     organisations: try await organisationChoices(access.projectID, any: "any", on: request.db)))
    }

    @Sendable static func n2SVG(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (view, _, filter) = try await InterfaceRequest.view(request)
        let svg = N2MatrixSVG(title: "\(access.key) N² at level \(view.level)", matrix: view.matrix,
                              elements: N2Page.elements(view), link: N2Page.cellLink(access.key, view, filter))
        let response = Response(status: .ok, body: .init(string: svg.render()))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(access.key)-n2-\(view.level).svg\"")
        return response
    }

    @Sendable static func n2CSV(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (view, _, _) = try await InterfaceRequest.view(request)
        let table = view.table
        let data = CSVTable(header: table[0], rows: Array(table.dropFirst())).write()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(access.key)-n2-\(view.level).csv\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
