import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import Vapor

/// The scope allocation page: thin handlers over `ScopeStore`.
enum ScopeController {
    struct ScopeForm: Content {
        var element: String?
        var organisation: String?
        var phase: String?
        var status: String?

        func draft() throws -> ScopeStore.Draft {
            var status = ScopeAllocation.Status.proposed
            if let text = self.status, !text.isEmpty {
                guard let parsed = ScopeAllocation.Status(rawValue: text) else {
                    throw FieldsInvalid(field: "status", "“\(text)” is not an allocation status (proposed, agreed)")
                }
                status = parsed
            }
            return ScopeStore.Draft(elementKey: element ?? "", organisation: organisation ?? "", phase: phase ?? "", status: status)
        }
    }

    /// ("", "none") and each organisation as (code, "Name (CODE)"), for owner selects.
    static func organisationChoices(_ projectID: UUID, on db: any Database) async throws -> [(value: String, title: String)] {
        [("", "none")] + (try await GovernanceQueries.organisations(projectID: projectID, on: db)).map { ($0.code, $0.label) }
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        try await render(request)
    }

    static func render(_ request: Request, form: ScopeForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let page = ScopePage(
            access: access, rows: try await ScopeQueries.all(projectID: access.projectID, on: request.db),
            organisations: (try await GovernanceQueries.organisations(projectID: access.projectID, on: request.db)).map { ($0.code, $0.label) },
            phases: (try await GovernanceQueries.phases(projectID: access.projectID, on: request.db)).map { ($0.name, $0.name) },
            csrfToken: request.csrfToken, form: form, errors: errors)
        return request.render(page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func allocate(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(ScopeForm.self)
        do {
            try await ScopeStore.allocate(try ArtifactContext(request), try form.draft())
            request.flash(.success, "\(form.element ?? "") allocated to \(form.organisation ?? "").")
            return request.redirect(to: SystemDesignRoute.scope(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(ScopeForm.self)
        do {
            try await ScopeStore.update(try ArtifactContext(request), id: try id(request), try form.draft())
            request.flash(.success, "Scope of \(form.element ?? "") saved.")
            return request.redirect(to: SystemDesignRoute.scope(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            request.flash(.error, invalid.errors.map(\.reason.sentenceCased).joined(separator: " "))
            return request.redirect(to: SystemDesignRoute.scope(project: access.key).path, redirectType: .normal)
        }
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        try await ScopeStore.remove(try ArtifactContext(request), id: try id(request))
        request.flash(.success, "Allocation removed.")
        return request.redirect(to: SystemDesignRoute.scope(project: access.key).path, redirectType: .normal)
    }

    static func id(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get("allocationID").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "There is no such scope allocation in this project.")
        }
        return id
    }
}
