import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The governance page: phases and delivery organisations. Thin handlers: read the form, call
/// `GovernanceStore`, redirect; a refusal re-renders the page with the errors at the form that caused them.
enum GovernanceController {
    struct PhaseForm: Content {
        var name: String?
        var starts_on: String?
        var ends_on: String?
        var gate_criteria: String?
        var status: String?

        func draft() throws -> PhaseDraft {
            PhaseDraft(name: name ?? "", startsOn: starts_on ?? "", endsOn: ends_on ?? "", gateCriteria: gate_criteria ?? "",
                       status: try GovernanceRequest.phaseStatus(status))
        }
    }

    struct OrganisationForm: Content {
        var code: String?
        var name: String?
        var kind: String?

        func draft() throws -> OrganisationDraft {
            OrganisationDraft(code: code ?? "", name: name ?? "", kind: try GovernanceRequest.organisationKind(kind))
        }
    }

    @Sendable static func overview(_ request: Request) async throws -> Response {
        try await render(request)
    }

    static func render(_ request: Request, phaseForm: PhaseForm = .init(), organisationForm: OrganisationForm = .init(),
                       errorsFor: String = "", errors: [ProblemDetails.FieldError] = []) async throws -> Response
    {
        let access = try request.requireProject()
        let page = GovernancePage(
            access: access, phases: try await GovernanceQueries.phases(projectID: access.projectID, on: request.db),
            organisations: try await GovernanceQueries.organisations(projectID: access.projectID, on: request.db),
            csrfToken: request.csrfToken, phaseForm: phaseForm, organisationForm: organisationForm, errorsFor: errorsFor, errors: errors)
        return request.render(page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Runs a write and goes back to the page, or shows the page again with the refusal.
    static func change(_ request: Request, success: String, phaseForm: PhaseForm = .init(), organisationForm: OrganisationForm = .init(),
                       errorsFor: String, _ write: (ArtifactContext) async throws -> Void) async throws -> Response
    {
        let access = try request.requireProject()
        do {
            try await write(try ArtifactContext(request))
            request.flash(.success, success)
            return request.redirect(to: GovernanceRoute.overview(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, phaseForm: phaseForm, organisationForm: organisationForm, errorsFor: errorsFor,
                                    errors: invalid.errors)
        }
    }

    @Sendable static func createPhase(_ request: Request) async throws -> Response {
        let form = try request.content.decode(PhaseForm.self)
        return try await change(request, success: "Phase “\(form.name ?? "")” added.", phaseForm: form, errorsFor: "phase") {
            try await GovernanceStore.createPhase($0, try form.draft())
        }
    }

    @Sendable static func savePhase(_ request: Request) async throws -> Response {
        let id = try GovernanceRequest.id(request)
        let form = try request.content.decode(PhaseForm.self)
        return try await change(request, success: "Phase “\(form.name ?? "")” saved.", phaseForm: form, errorsFor: id.uuidString.lowercased()) {
            try await GovernanceStore.updatePhase($0, id: id, try form.draft())
        }
    }

    @Sendable static func movePhase(_ request: Request) async throws -> Response {
        let id = try GovernanceRequest.id(request)
        struct Form: Content { var direction: String? }
        let earlier = try request.content.decode(Form.self).direction == "earlier"
        return try await change(request, success: "Phases reordered.", errorsFor: id.uuidString.lowercased()) {
            try await GovernanceStore.movePhase($0, id: id, earlier: earlier)
        }
    }

    @Sendable static func deletePhase(_ request: Request) async throws -> Response {
        let id = try GovernanceRequest.id(request)
        return try await change(request, success: "Phase deleted.", errorsFor: "phase") {
            try await GovernanceStore.deletePhase($0, id: id)
        }
    }

    @Sendable static func createOrganisation(_ request: Request) async throws -> Response {
        let form = try request.content.decode(OrganisationForm.self)
        return try await change(request, success: "\(form.code ?? "") added.", organisationForm: form, errorsFor: "organisation") {
            try await GovernanceStore.createOrganisation($0, try form.draft())
        }
    }

    @Sendable static func saveOrganisation(_ request: Request) async throws -> Response {
        let id = try GovernanceRequest.id(request)
        let form = try request.content.decode(OrganisationForm.self)
        return try await change(request, success: "\(form.code ?? "") saved.", organisationForm: form, errorsFor: id.uuidString.lowercased()) {
            try await GovernanceStore.updateOrganisation($0, id: id, try form.draft())
        }
    }

    @Sendable static func deleteOrganisation(_ request: Request) async throws -> Response {
        let id = try GovernanceRequest.id(request)
        return try await change(request, success: "Organisation deleted.", errorsFor: "organisation") {
            try await GovernanceStore.deleteOrganisation($0, id: id)
        }
    }
}
