import Artifacts
import Foundation
import Platform

/// A design package as a person enters it; owner and phase are resolved by the caller (nil: none).
public struct PackageDraft: Sendable, Equatable {
    public var title: String
    public var ownerOrgID: UUID?
    public var phaseID: UUID?
    public var status: DesignPackage.Status
    public var description: String

    public init(title: String, ownerOrgID: UUID? = nil, phaseID: UUID? = nil, status: DesignPackage.Status = .draft,
                description: String = "")
    {
        self.title = title
        self.ownerOrgID = ownerOrgID
        self.phaseID = phaseID
        self.status = status
        self.description = description
    }

    func validated() throws -> PackageDraft {
        var draft = self
        draft.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        if draft.description.count > 20_000 {
            errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters"))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }

    /// The snapshot names owner and phase by code and name, so the history reads without joins.
    func fields(ownerCode: String, phaseName: String) -> ArtifactFields {
        ["description": .string(description), "owner": .string(ownerCode), "phase": .string(phaseName), "status": .string(status.rawValue)]
    }
}
