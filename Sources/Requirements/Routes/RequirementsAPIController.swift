import Artifacts
import Fluent
import Foundation
import Platform
import TraceEngine
import Vapor

/// The requirements JSON API: thin handlers over `RequirementStore` and `RequirementQueries`.
enum RequirementsAPIController {
    static let prefixParameter = "modulePrefix"
    static let keyParameter = "requirementKey"
    static let linkParameter = "linkID"
    /// The artifact core's name for an artifact key in API paths (one name per path position).
    static let artifactParameter = "artifactKey"

    // MARK: modules

    @Sendable static func modules(_ request: Request) async throws -> RequirementDTOs.ModuleList {
        let access = try request.requireProject()
        let summaries = try await RequirementQueries.modules(projectID: access.projectID, on: request.db)
        return .init(items: try summaries.map { try dto($0.module, count: $0.requirements) })
    }

    @Sendable static func createModule(_ request: Request) async throws -> Response {
        let input = try request.content.decode(RequirementDTOs.ModuleInput.self)
        let module = try await RequirementStore.createModule(
            try RequirementContext(request), name: input.name ?? "", prefix: input.prefix ?? "",
            description: input.description ?? "", parentExpected: input.parentExpected ?? false)
        return try await dto(module, count: 0).encodeResponse(status: .created, for: request)
    }

    @Sendable static func document(_ request: Request) async throws -> RequirementDTOs.DocumentDTO {
        let (module, settings) = try await findModule(request)
        let rows = try await RequirementQueries.document(module: module, disabledRules: settings.disabledRuleSet, on: request.db)
        return .init(module: try dto(module, count: rows.filter { $0.type == .requirement }.count), items: rows.map(dto))
    }

    @Sendable static func createRequirement(_ request: Request) async throws -> Response {
        let (module, _) = try await findModule(request)
        let input = try request.content.decode(RequirementDTOs.RequirementInput.self)
        let context = try RequirementContext(request)
        var parentID: UUID?
        if let parent = input.parent { parentID = try await itemID(key: parent, request) }
        let artifact = try await RequirementStore.createRequirement(
            context, moduleID: try module.requireID(), draft: input.draft, parentID: parentID, key: input.key)
        return try await requirementDTO(artifact.requireID(), request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func createSection(_ request: Request) async throws -> Response {
        let (module, _) = try await findModule(request)
        struct Input: Content {
            var title: String
            var text: String?
            var parent: String?
        }
        let input = try request.content.decode(Input.self)
        var parentID: UUID?
        if let parent = input.parent { parentID = try await itemID(key: parent, request) }
        let artifact = try await RequirementStore.createSection(
            try RequirementContext(request), moduleID: try module.requireID(), title: input.title, text: input.text ?? "",
            parentID: parentID)
        return try await [String: String](dictionaryLiteral: ("key", artifact.key)).encodeResponse(status: .created, for: request)
    }

    // MARK: requirements

    @Sendable static func show(_ request: Request) async throws -> RequirementDTOs.RequirementDTO {
        try await requirementDTO(try await itemID(request), request)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let id = try await itemID(request)
        if try await DocumentItem.find(id, on: request.db)?.itemType == .section { return try await updateSection(id, request) }
        let input = try request.content.decode(RequirementDTOs.RequirementInput.self)
        guard let version = input.version else {
            throw RequirementInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten")
        }
        try await RequirementStore.updateRequirement(try RequirementContext(request), id: id, expectedVersion: version,
                                                     draft: input.draft)
        return try await requirementDTO(id, request).encodeResponse(for: request)
    }

    @Sendable static func delete(_ request: Request) async throws -> HTTPStatus {
        let id = try await itemID(request)
        guard let version = request.query[Int.self, at: "version"] else {
            throw RequirementInvalid(field: "version", "send ?version= of the requirement you mean to delete")
        }
        try await RequirementStore.delete(try RequirementContext(request), id: id, expectedVersion: version)
        return .noContent
    }

    @Sendable static func setStatus(_ request: Request) async throws -> RequirementDTOs.RequirementDTO {
        let id = try await itemID(request)
        let input = try request.content.decode(RequirementDTOs.StatusInput.self)
        guard let status = RequirementStatus(rawValue: input.status) else {
            throw RequirementInvalid(field: "status", "the status must be one of: draft, in-review, approved, obsolete")
        }
        guard let version = input.version else {
            throw RequirementInvalid(field: "version", "send the version you reviewed")
        }
        try await RequirementStore.transition(try RequirementContext(request), id: id, expectedVersion: version, to: status)
        return try await requirementDTO(id, request)
    }

    @Sendable static func findings(_ request: Request) async throws -> [QualityFinding] {
        try await requirementDTO(try await itemID(request), request).findings
    }

    @Sendable static func search(_ request: Request) async throws -> RequirementDTOs.SearchDTO {
        let access = try request.requireProject()
        let settings = try await RequirementSettings.of(access.projectID, on: request.db)
        let filter = try await RequirementFilterParser.parse(request, projectID: access.projectID)
        let result = try await RequirementQueries.search(projectID: access.projectID, filter: filter,
                                                         disabledRules: settings.disabledRuleSet, on: request.db)
        let prefixes = try await RequirementQueries.modules(projectID: access.projectID, on: request.db)
            .reduce(into: [UUID: String]()) { result, summary in if let id = summary.module.id { result[id] = summary.module.prefix } }
        return .init(items: result.hits.map {
            .init(key: $0.key, module: prefixes[$0.moduleID] ?? "", version: $0.version, title: $0.title, statement: $0.statement,
                  status: $0.status, type: $0.requirementType, tags: $0.tags, findings: $0.findings)
        }, total: result.total, page: filter.page, perPage: filter.perPage)
    }

    // MARK: comments

    @Sendable static func comments(_ request: Request) async throws -> [RequirementDTOs.CommentDTO] {
        let id = try await itemID(request)
        return try await RequirementComment.query(on: request.db).filter(\.$artifactID == id).sort(\.$createdAt).all().map(dto)
    }

    @Sendable static func addComment(_ request: Request) async throws -> Response {
        let id = try await itemID(request)
        let input = try request.content.decode(RequirementDTOs.CommentInput.self)
        let comment = try await RequirementStore.comment(try RequirementContext(request), on: id, body: input.body,
                                                         threadID: input.thread)
        return try await dto(comment).encodeResponse(status: .created, for: request)
    }

    // MARK: links

    @Sendable static func createLink(_ request: Request) async throws -> Response {
        let input = try request.content.decode(RequirementDTOs.LinkInput.self)
        let link = try await RequirementStore.link(try RequirementContext(request), kind: input.kind, from: input.source,
                                                   to: input.target)
        return try await RequirementDTOs.SuspectDTO(id: try link.requireID(), kind: link.kind, source: input.source,
                                                    target: input.target).encodeResponse(status: .created, for: request)
    }

    @Sendable static func deleteLink(_ request: Request) async throws -> HTTPStatus {
        try await RequirementStore.unlink(try RequirementContext(request), linkID: try linkID(request))
        return .noContent
    }

    @Sendable static func suspectLinks(_ request: Request) async throws -> RequirementDTOs.SuspectList {
        let access = try request.requireProject()
        var artifactID: UUID?
        if let key = request.query[String.self, at: "artifact"] {
            guard let artifact = try await ArtifactQueries.artifact(key: key, projectID: access.projectID, on: request.db) else {
                throw Abort(.notFound, reason: "There is no artifact \(key) in \(access.key).")
            }
            artifactID = artifact.id
        }
        let links = try await RequirementQueries.suspectLinks(projectID: access.projectID, at: artifactID, on: request.db)
        return .init(items: links.map { .init(id: $0.id, kind: $0.kind, source: $0.sourceKey, target: $0.targetKey) })
    }

    @Sendable static func clearSuspect(_ request: Request) async throws -> HTTPStatus {
        let input = try request.content.decode(RequirementDTOs.ClearInput.self)
        try await RequirementStore.clearSuspect(try RequirementContext(request), linkID: try linkID(request),
                                                reason: input.reason ?? "")
        return .noContent
    }

    // MARK: trace

    @Sendable static func impact(_ request: Request) async throws -> RequirementDTOs.ImpactDTO {
        let access = try request.requireProject()
        let key = request.parameters.get(artifactParameter) ?? ""
        guard let artifact = try await ArtifactQueries.artifact(key: key, projectID: access.projectID, on: request.db),
            artifact.deletedAt == nil, let id = artifact.id
        else { throw Abort(.notFound, reason: "There is no artifact \(key) in \(access.key).") }
        let options = try ImpactOptions.parse(request)
        let graph = try await request.traceGraphs.graph(for: access.projectID, on: request.db)
        guard let impact = TraceQueries.impact(graph: graph, from: id, direction: options.direction,
                                               linkKinds: options.linkKinds, maxDepth: options.depth)
        else { throw Abort(.notFound, reason: "There is no artifact \(key) in \(access.key).") }
        return impactDTO(impact)
    }

    static func impactDTO(_ impact: TraceQueries.Impact) -> RequirementDTOs.ImpactDTO {
        let graph = impact.graph
        return .init(start: graph.keys[Int(impact.set.start)], revision: graph.revision, members: impact.set.members.map { member in
            .init(key: graph.keys[Int(member.node)], kind: graph.kind(of: member.node), title: graph.titles[Int(member.node)],
                  depth: member.depth, via: graph.keys[Int(member.via)], linkKind: graph.linkKinds[Int(member.kind)],
                  path: (impact.set.path(to: member.node) ?? []).map { graph.keys[Int($0)] })
        })
    }

    // MARK: helpers

    static func dto(_ module: RequirementModule, count: Int?) throws -> RequirementDTOs.ModuleDTO {
        .init(id: try module.requireID(), name: module.name, prefix: module.prefix, description: module.description,
              parentExpected: module.parentExpected, requirements: count)
    }

    static func dto(_ row: RequirementQueries.DocumentRow) -> RequirementDTOs.DocumentRowDTO {
        .init(key: row.key, type: row.type.rawValue, number: row.number, depth: row.depth, title: row.title,
              statement: row.statement, status: row.status, version: row.version, findings: row.findings,
              suspectLinks: row.suspectLinks)
    }

    static func dto(_ comment: RequirementComment) -> RequirementDTOs.CommentDTO {
        .init(id: comment.id ?? UUID(), thread: comment.threadID, author: comment.authorLabel, body: comment.body,
              createdAt: comment.createdAt, resolved: comment.resolvedAt != nil)
    }

    static func requirementDTO(_ id: UUID, _ request: Request) async throws -> RequirementDTOs.RequirementDTO {
        let detail = try await RequirementDetail.load(id, request)
        let fields = detail.fields
        func text(_ name: String) -> String { if case .string(let value) = fields[name] { value } else { "" } }
        func list(_ name: String) -> [String] { if case .list(let value) = fields[name] { value } else { [] } }
        var attributes: [String: ArtifactValue] = [:]
        for definition in detail.attributes where fields[definition.fieldName] != .null {
            attributes[definition.name] = fields[definition.fieldName]
        }
        return .init(id: id, key: detail.artifact.key, module: detail.module.prefix, version: detail.artifact.version,
                     title: detail.artifact.title, statement: text("statement"), rationale: text("rationale"),
                     type: text("type"), priority: text("priority"), status: text("status"),
                     verificationMethods: list("verification_methods"), source: text("source"), owner: text("owner"),
                     tags: list("tags"), attributes: attributes, findings: detail.findings,
                     suspectLinks: detail.suspectLinks.count)
    }

    static func findModule(_ request: Request) async throws -> (RequirementModule, RequirementSettings) {
        let access = try request.requireProject()
        let prefix = request.parameters.get(prefixParameter) ?? ""
        guard let module = try await RequirementQueries.module(prefix: prefix, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no requirement module \(prefix) in \(access.key).")
        }
        return (module, try await RequirementSettings.of(access.projectID, on: request.db))
    }

    static func itemID(_ request: Request) async throws -> UUID {
        try await itemID(key: request.parameters.get(keyParameter) ?? "", request)
    }

    /// A live section or requirement of this project by key, or 404.
    static func itemID(key: String, _ request: Request) async throws -> UUID {
        let access = try request.requireProject()
        guard let artifact = try await ArtifactQueries.artifact(key: key, projectID: access.projectID, on: request.db),
            artifact.deletedAt == nil, artifact.kind == RequirementKinds.requirement.id || artifact.kind == RequirementKinds.section.id,
            let id = artifact.id
        else { throw Abort(.notFound, reason: "There is no requirement or section \(key) in \(access.key).") }
        return id
    }

    static func linkID(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get(linkParameter).flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "There is no such link in this project.")
        }
        return id
    }
}

/// Query options of an impact request: `direction=downstream|upstream|both`, `kinds=a,b`, `depth=N`.
struct ImpactOptions: Sendable {
    var direction: TraceGraph.Direction = .upstream
    var directionName = "upstream"
    var linkKinds: [String] = []
    var depth: Int?

    static func parse(_ request: Request) throws -> ImpactOptions {
        var options = ImpactOptions()
        if let direction = request.query[String.self, at: "direction"], !direction.isEmpty {
            switch direction {
            case "downstream": options.direction = .downstream
            case "upstream": options.direction = .upstream
            case "both": options.direction = .both
            default: throw RequirementInvalid(field: "direction", "the direction must be downstream, upstream or both")
            }
            options.directionName = direction
        }
        if let kinds = request.query[String.self, at: "kinds"] {
            options.linkKinds = kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for kind in options.linkKinds where request.artifactRegistry.linkKind(kind) == nil {
                throw RequirementInvalid(field: "kinds", "there is no link kind “\(kind)”")
            }
        }
        if let depthText = request.query[String.self, at: "depth"], !depthText.isEmpty {
            guard let depth = Int(depthText), (1...50).contains(depth) else {
                throw RequirementInvalid(field: "depth", "the depth must be a whole number from 1 to 50")
            }
            options.depth = depth
        }
        return options
    }
}

/// Reads the search and filter query parameters shared by the search page and the API.
enum RequirementFilterParser {
    static func parse(_ request: Request, projectID: UUID) async throws -> RequirementQueries.Filter {
        var filter = RequirementQueries.Filter()
        func value(_ name: String) -> String? {
            request.query[String.self, at: name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        filter.text = value("q") ?? ""
        if filter.text.count > 200 { throw RequirementInvalid(field: "q", "the search text must be at most 200 characters") }
        if let prefix = value("module") {
            guard let module = try await RequirementQueries.module(prefix: prefix, projectID: projectID, on: request.db) else {
                throw RequirementInvalid(field: "module", "there is no module \(prefix)")
            }
            filter.moduleID = module.id
        }
        if let status = value("status") {
            guard RequirementStatus(rawValue: status) != nil else {
                throw RequirementInvalid(field: "status", "the status must be one of: draft, in-review, approved, obsolete")
            }
            filter.status = status
        }
        filter.type = value("type")
        filter.tag = value("tag")
        if let finding = value("finding") {
            guard QualityChecker.rule(finding) != nil else { throw RequirementInvalid(field: "finding", "there is no quality rule “\(finding)”") }
            filter.finding = finding
        }
        filter.suspectOnly = value("suspect") == "1" || value("suspect") == "true"
        if let attribute = value("attribute") {
            let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw RequirementInvalid(field: "attribute", "write the attribute filter as name=value") }
            filter.attribute = (parts[0], parts[1])
        }
        if let page = value("page") {
            guard let number = Int(page), number >= 1, number <= 100_000 else { throw RequirementInvalid(field: "page", "the page must be a positive number") }
            filter.page = number
        }
        if let perPage = value("per_page") {
            guard let number = Int(perPage), (1...500).contains(number) else {
                throw RequirementInvalid(field: "per_page", "per_page must be from 1 to 500")
            }
            filter.perPage = number
        }
        return filter
    }
}
