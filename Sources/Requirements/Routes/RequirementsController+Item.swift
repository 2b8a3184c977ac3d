import Artifacts
import Fluent
import Foundation
import Platform
import TraceEngine
import Vapor

/// The pages of one section or requirement: view, edit, lifecycle, moves, links, comments, diff and impact.
extension RequirementsController {

    @Sendable static func item(_ request: Request) async throws -> Response {
        try await renderItem(request)
    }

    static func renderItem(_ request: Request, errors: [ProblemDetails.FieldError] = [],
                           linkForm: (kind: String, target: String, direction: String) = ("derives-from", "", "outgoing")) async throws -> Response
    {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let detail = try await RequirementDetail.load(id, request)
        let history = try await ArtifactQueries.history(id, on: request.db)
        let comments = try await RequirementComment.query(on: request.db).filter(\.$artifactID == id).sort(\.$createdAt).all()
        let approvals = try await RequirementApproval.query(on: request.db).filter(\.$artifactID == id).sort(\.$approvedAt).all()
        return request.render(RequirementPage(
            access: access, detail: detail, history: history, comments: comments, approvals: approvals,
            linkKinds: request.artifactRegistry.linkKinds, csrfToken: request.csrfToken, errors: errors, linkForm: linkForm),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func editForm(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let detail = try await RequirementDetail.load(id, request)
        let text: String = { if case .string(let value) = detail.fields["text"] { value } else { "" } }()
        return request.render(RequirementEditPage(
            access: access, detail: detail, version: detail.artifact.version,
            draft: RequirementDraft(fields: detail.fields, attributes: detail.attributes), sectionText: text,
            types: detail.settings.typeList, csrfToken: request.csrfToken))
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let detail = try await RequirementDetail.load(id, request)
        let form = FormPairs(request)
        guard let version = form["version"].flatMap(Int.init) else {
            throw Abort(.unprocessableEntity, reason: "The form lost its version field; reload the page and edit again.")
        }
        var draft = RequirementDraft(
            title: form["title"] ?? "", statement: form["statement"] ?? "", rationale: form["rationale"] ?? "",
            type: form["type"] ?? "", priority: form["priority"] ?? "",
            verificationMethods: form.names(prefixed: "method_"), source: form["source"] ?? "", owner: form["owner"] ?? "",
            tags: (form["tags"] ?? "").split(separator: ",").map(String.init))
        for definition in detail.attributes {
            let name = "attr_" + definition.name
            if definition.valueType == .multiEnumeration {
                draft.attributes[definition.name] = form.names(prefixed: name + "[").map { String($0.dropLast()) }
            } else if let value = form[name] {
                draft.attributes[definition.name] = [value]
            }
        }
        let context = try RequirementContext(request)
        do {
            if detail.item.itemType == .section {
                try await RequirementStore.updateSection(context, id: id, expectedVersion: version, title: draft.title, text: form["text"] ?? "")
            } else {
                try await RequirementStore.updateRequirement(context, id: id, expectedVersion: version, draft: draft)
            }
            request.flash(.success, "\(detail.artifact.key) saved.")
            return request.redirect(to: RequirementRoute.item(project: access.key, key: detail.artifact.key).path, redirectType: .normal)
        } catch let error as any ErrorWithFieldErrors where !(error is VersionConflict) {
            return request.render(RequirementEditPage(
                access: access, detail: detail, version: version, draft: draft, sectionText: form["text"] ?? "",
                types: detail.settings.typeList, csrfToken: request.csrfToken, errors: error.fieldErrors), status: .unprocessableEntity)
        }
    }

    @Sendable static func setStatus(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let form = FormPairs(request)
        guard let status = RequirementStatus(rawValue: form["status"] ?? ""), let version = form["version"].flatMap(Int.init) else {
            throw Abort(.unprocessableEntity, reason: "The form needs a status and a version.")
        }
        // From the document's inline status menu: back to the same row of the document.
        var document: String?
        if form["back"] == "document", let item = try await DocumentItem.find(id, on: request.db),
           let module = try await RequirementModule.find(item.moduleID, on: request.db)
        {
            let key = request.parameters.get(RequirementsAPIController.keyParameter) ?? ""
            document = RequirementRoute.document(project: access.key, module: module.prefix).path + "#item-" + RequirementRoute.encodeItemKey(key)
        }
        do {
            let artifact = try await RequirementStore.transition(try RequirementContext(request), id: id, expectedVersion: version, to: status)
            request.flash(.success, "\(artifact.key) is now \(status.title.lowercased()).")
            return request.redirect(to: document ?? RequirementRoute.item(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            if let document {
                request.flash(.error, "The status was not changed: \(error.errors.map(\.reason).joined(separator: "; ")).")
                return request.redirect(to: document, redirectType: .normal)
            }
            return try await renderItem(request, errors: error.errors)
        }
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        guard let move = RequirementStore.Move(rawValue: FormPairs(request)["move"] ?? "") else {
            throw Abort(.unprocessableEntity, reason: "Move must be up, down, indent or outdent.")
        }
        let key = request.parameters.get(RequirementsAPIController.keyParameter) ?? ""
        do {
            try await RequirementStore.move(try RequirementContext(request), id: id, move)
            request.flash(.success, "\(key) moved \(move.rawValue).")
        } catch let error as RequirementInvalid {
            request.flash(.error, "\(key) was not moved: \(error.errors.map(\.reason).joined(separator: "; ")).")
        }
        return request.redirect(to: RequirementRoute.item(project: access.key, key: key).path, redirectType: .normal)
    }

    @Sendable static func addLink(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        _ = try await RequirementsAPIController.itemID(request)
        let key = request.parameters.get(RequirementsAPIController.keyParameter) ?? ""
        let form = FormPairs(request)
        let kind = form["kind"] ?? ""
        let other = (form["target"] ?? "").trimmingCharacters(in: .whitespaces)
        let outgoing = form["direction"] != "incoming"
        do {
            if other.isEmpty { throw RequirementInvalid(field: "target", "enter the key of the artifact to link") }
            try await RequirementStore.link(try RequirementContext(request), kind: kind, from: outgoing ? key : other, to: outgoing ? other : key)
            request.flash(.success, "Link added.")
            return request.redirect(to: RequirementRoute.item(project: access.key, key: key).path, redirectType: .normal)
        } catch let error as any ErrorWithFieldErrors {
            let errors = error.fieldErrors.map { $0.field == "source" && !outgoing ? .init(field: "target", reason: $0.reason) : $0 }
            return try await renderItem(request, errors: errors, linkForm: (kind, other, outgoing ? "outgoing" : "incoming"))
        }
    }

    @Sendable static func addComment(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let key = request.parameters.get(RequirementsAPIController.keyParameter) ?? ""
        let form = FormPairs(request)
        do {
            try await RequirementStore.comment(try RequirementContext(request), on: id, body: form["body"] ?? "",
                                               threadID: form["thread"].flatMap(UUID.init(uuidString:)))
            return request.redirect(to: RequirementRoute.item(project: access.key, key: key).path + "#new-comment", redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderItem(request, errors: error.errors)
        }
    }

    @Sendable static func resolveThread(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let threadID = request.parameters.get("threadID").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "There is no such comment thread in this project.")
        }
        let resolved = FormPairs(request)["resolved"] != "0"
        try await RequirementStore.setResolved(try RequirementContext(request), threadID: threadID, resolved: resolved)
        guard let thread = try await RequirementComment.find(threadID, on: request.db),
            let artifact = try await Artifact.find(thread.artifactID, on: request.db)
        else { throw Abort(.notFound) }
        return request.redirect(to: RequirementRoute.item(project: access.key, key: artifact.key).path, redirectType: .normal)
    }

    @Sendable static func clearLink(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let linkID = try RequirementsAPIController.linkID(request)
        let form = FormPairs(request)
        let context = try RequirementContext(request)
        let back = try await linkEnd(linkID, request)
        do {
            try await RequirementStore.clearSuspect(context, linkID: linkID, reason: form["reason"] ?? "")
            request.flash(.success, "Suspect flag cleared.")
        } catch let error as ArtifactRefusal {
            request.flash(.error, "The link is still suspect: \(error.reason).")
        }
        if form["back"] == "suspect" { return request.redirect(to: RequirementRoute.suspect(project: access.key).path, redirectType: .normal) }
        return request.redirect(to: RequirementRoute.item(project: access.key, key: back).path, redirectType: .normal)
    }

    @Sendable static func removeLink(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let linkID = try RequirementsAPIController.linkID(request)
        let back = try await linkEnd(linkID, request)
        try await RequirementStore.unlink(try RequirementContext(request), linkID: linkID)
        request.flash(.success, "Link removed.")
        return request.redirect(to: RequirementRoute.item(project: access.key, key: back).path, redirectType: .normal)
    }

    /// The source key of a link in this project, to return to after acting on it.
    static func linkEnd(_ linkID: UUID, _ request: Request) async throws -> String {
        let access = try request.requireProject()
        guard let link = try await ArtifactLink.query(on: request.db).filter(\.$id == linkID).filter(\.$projectID == access.projectID).first(),
            let source = try await Artifact.find(link.sourceID, on: request.db)
        else { throw Abort(.notFound, reason: "There is no such link in this project.") }
        return source.key
    }

    @Sendable static func diff(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let key = request.parameters.get(RequirementsAPIController.keyParameter) ?? ""
        let history = try await ArtifactQueries.history(id, on: request.db)
        guard let from = request.query[Int.self, at: "from"], let to = request.query[Int.self, at: "to"],
            let old = history.first(where: { $0.version == from }), let new = history.first(where: { $0.version == to })
        else { throw Abort(.unprocessableEntity, reason: "Choose two versions of \(key) between 1 and \(history.count).") }
        func display(_ fields: ArtifactFields) -> [String: String] {
            Dictionary(uniqueKeysWithValues: fields.fieldNames.map { ($0, fields[$0] == .null ? "" : fields[$0].displayText) })
        }
        let diff = FieldDiff(before: display(try old.fields()), after: display(try new.fields()))
        return request.render(DiffPage(access: access, key: key, from: from, to: to, diff: diff))
    }

    @Sendable static func impact(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let key = request.parameters.get(RequirementsAPIController.keyParameter) ?? ""
        let options = try ImpactOptions.parse(request)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        guard let impact = TraceQueries.impact(graph: graph, from: id, direction: options.direction, linkKinds: options.linkKinds,
                                               maxDepth: options.depth)
        else { throw Abort(.notFound) }
        return request.render(ImpactPage(access: access, key: key, impact: impact, options: options,
                                         linkKinds: request.artifactRegistry.linkKinds.map(\.id)))
    }

    @Sendable static func impactSVG(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let id = try await RequirementsAPIController.itemID(request)
        let options = try ImpactOptions.parse(request)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        guard let impact = TraceQueries.impact(graph: graph, from: id, direction: options.direction, linkKinds: options.linkKinds,
                                               maxDepth: options.depth)
        else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(string: ImpactGraphSVG(impact: impact).render()))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
