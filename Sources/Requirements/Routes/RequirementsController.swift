import Artifacts
import Fluent
import Foundation
import Platform
import TraceEngine
import Vapor

/// The requirements pages. Handlers are thin: read the form, call `RequirementStore`, redirect; on a refusal
/// re-render the form with the errors (422).
enum RequirementsController {
    // MARK: modules

    @Sendable static func modules(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let modules = try await RequirementQueries.modules(projectID: access.projectID, on: request.db)
        return request.render(ModuleListPage(access: access, modules: modules, csrfToken: request.csrfToken))
    }

    @Sendable static func createModule(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = FormPairs(request)
        let values = (name: form["name"] ?? "", prefix: form["prefix"] ?? "", description: form["description"] ?? "",
                      parentExpected: form["parent_expected"] == "1")
        do {
            let module = try await RequirementStore.createModule(
                try RequirementContext(request), name: values.name, prefix: values.prefix, description: values.description,
                parentExpected: values.parentExpected)
            request.flash(.success, "Module \(module.prefix) created.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            let modules = try await RequirementQueries.modules(projectID: access.projectID, on: request.db)
            return request.render(ModuleListPage(access: access, modules: modules, csrfToken: request.csrfToken, form: values,
                                                 errors: error.errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func document(_ request: Request) async throws -> Response {
        try await renderDocument(request)
    }

    static func renderDocument(_ request: Request, draft: RequirementDraft = RequirementDraft(), parentKey: String = "",
                               sectionTitle: String = "", moduleForm: DocumentPage.ModuleForm? = nil,
                               errors: [ProblemDetails.FieldError] = []) async throws -> Response
    {
        let access = try request.requireProject()
        let (module, settings) = try await RequirementsAPIController.findModule(request)
        let rows = try await RequirementQueries.document(module: module, disabledRules: settings.disabledRuleSet, on: request.db)
        let attributes = try await RequirementStore.attributes(of: try module.requireID(), on: request.db)
        var draft = draft
        if draft.type.isEmpty || !settings.typeList.contains(draft.type) { draft.type = settings.typeList.first ?? "" }
        return request.render(DocumentPage(
            access: access, module: module, rows: rows, types: settings.typeList, attributes: attributes,
            csrfToken: request.csrfToken, draft: draft, parentKey: parentKey, sectionTitle: sectionTitle,
            moduleForm: moduleForm, errors: errors,
            attachments: try await ReqIFAttachments.list(moduleID: try module.requireID(), on: request.db)),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func createItem(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let form = FormPairs(request)
        let parentKey = form["parent"] ?? ""
        let draft = RequirementDraft(title: form["title"] ?? "", statement: form["statement"] ?? "", type: form["type"] ?? "",
                                     priority: form["priority"] ?? "medium")
        do {
            let context = try RequirementContext(request)
            var parentID: UUID?
            if !parentKey.isEmpty {
                do { parentID = try await RequirementsAPIController.itemID(key: parentKey, request) } catch {
                    throw RequirementInvalid(field: "parent", "there is no section or requirement \(parentKey)")
                }
            }
            let artifact: Artifact
            if form["item_type"] == "section" {
                do {
                    artifact = try await RequirementStore.createSection(context, moduleID: try module.requireID(),
                                                                        title: form["section_title"] ?? "", text: "", parentID: parentID)
                } catch let refusal as ArtifactRefusal where refusal.field == "title" {
                    throw RequirementInvalid(field: "section_title", refusal.reason)
                }
            } else {
                artifact = try await RequirementStore.createRequirement(context, moduleID: try module.requireID(), draft: draft,
                                                                        parentID: parentID)
            }
            request.flash(.success, "\(artifact.key) added.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path + "#item-\(artifact.key)",
                                    redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, draft: draft, parentKey: parentKey, sectionTitle: form["section_title"] ?? "",
                                            errors: error.errors)
        }
    }

    @Sendable static func bulk(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let form = FormPairs(request)
        let keys = form.all("items[]")
        let tag = (form["tag"] ?? "").trimmingCharacters(in: .whitespaces)
        let change: RequirementStore.BulkChange
        switch form["change"] ?? "" {
        case let value where value.hasPrefix("status:"):
            guard let status = RequirementStatus(rawValue: String(value.dropFirst(7))) else { throw Abort(.unprocessableEntity, reason: "Unknown status.") }
            change = .status(status)
        case "add-tag": change = .addTag(tag)
        case "remove-tag": change = .removeTag(tag)
        default: throw Abort(.unprocessableEntity, reason: "Choose what to change.")
        }
        do {
            var ids: [UUID] = []
            for key in keys { ids.append(try await RequirementsAPIController.itemID(key: key, request)) }
            let count = try await RequirementStore.bulk(try RequirementContext(request), ids: ids, change: change)
            request.flash(.success, "\(count) requirement\(count == 1 ? "" : "s") changed.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, errors: error.errors)
        }
    }

    @Sendable static func defineAttribute(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let form = FormPairs(request)
        do {
            guard let type = AttributeDefinition.ValueType(rawValue: form["value_type"] ?? "") else {
                throw RequirementInvalid(field: "value_type", "choose a type")
            }
            let definition = try await RequirementStore.defineAttribute(
                try RequirementContext(request), moduleID: try module.requireID(), name: form["name"] ?? "",
                label: form["label"] ?? "", type: type, options: (form["options"] ?? "").components(separatedBy: .newlines))
            request.flash(.success, "Attribute \(definition.label) added.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, errors: error.errors)
        }
    }

    @Sendable static func quality(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, settings) = try await RequirementsAPIController.findModule(request)
        let rows = try await RequirementQueries.document(module: module, disabledRules: settings.disabledRuleSet, on: request.db)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        let coverage = TraceQueries.coverage(graph: graph, sourceIDs: rows.filter { $0.type == .requirement }.map(\.id),
                                             questions: settings.coverageQuestions.filter { $0.sourceKind == RequirementKinds.requirement.id })
        return request.render(QualityPage(access: access, module: module, rows: rows, coverage: coverage,
                                          disabledRules: settings.disabledRuleSet))
    }

    @Sendable static func search(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let settings = try await RequirementSettings.of(access.projectID, on: request.db)
        let modules = try await RequirementQueries.modules(projectID: access.projectID, on: request.db).map(\.module)
        let prefix = request.query[String.self, at: "module"] ?? ""
        do {
            let filter = try await RequirementFilterParser.parse(request, projectID: access.projectID)
            let result = try await RequirementQueries.search(projectID: access.projectID, filter: filter,
                                                             disabledRules: settings.disabledRuleSet, on: request.db)
            return request.render(SearchPage(access: access, modules: modules, types: settings.typeList, filter: filter,
                                             modulePrefix: prefix, hits: result.hits, total: result.total))
        } catch let error as RequirementInvalid {
            return request.render(SearchPage(access: access, modules: modules, types: settings.typeList, filter: .init(),
                                             modulePrefix: "", hits: [], total: 0, errors: error.errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func coverage(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let settings = try await RequirementSettings.of(access.projectID, on: request.db)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        let modules = try await RequirementQueries.modules(projectID: access.projectID, on: request.db).map(\.module)
        let members = try await RequirementQueries.requirementsByModule(projectID: access.projectID, on: request.db)
        let onRequirements = settings.coverageQuestions.filter { $0.sourceKind == RequirementKinds.requirement.id }
        let perModule = modules.map { module in
            (module, TraceQueries.coverage(graph: graph, sourceIDs: module.id.flatMap { members[$0] } ?? [], questions: onRequirements))
        }
        return request.render(ProjectCoveragePage(
            access: access, project: TraceQueries.projectCoverage(graph: graph, questions: settings.coverageQuestions),
            modules: perModule))
    }

    @Sendable static func suspect(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let links = try await RequirementQueries.suspectLinks(projectID: access.projectID, on: request.db)
        return request.render(SuspectLinksPage(access: access, links: links, csrfToken: request.csrfToken))
    }
}
