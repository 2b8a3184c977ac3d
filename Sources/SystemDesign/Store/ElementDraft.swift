import Artifacts
import Foundation
import Platform

/// What a person (or an imported row) says about an element, before validation. The parent is separate: it
/// changes by moving, which has its own rule.
public struct ElementDraft: Sendable, Equatable {
    public var title: String
    public var description: String
    public var level: String
    public var status: SystemElement.Status
    /// The owner's delivery organisation code, or empty; the store resolves it in the project.
    public var owner: String

    public init(title: String, description: String = "", level: String, status: SystemElement.Status = .proposed, owner: String = "") {
        self.title = title
        self.description = description
        self.level = level
        self.status = status
        self.owner = owner
    }

    init(fields: ArtifactFields, title: String) {
        self.title = title
        if case .string(let text) = fields["description"] { description = text } else { description = "" }
        if case .string(let text) = fields["level"] { level = text } else { level = "" }
        if case .string(let text) = fields["status"], let status = SystemElement.Status(rawValue: text) {
            self.status = status
        } else {
            status = .proposed
        }
        if case .string(let text) = fields["owner"] { owner = text } else { owner = "" }
    }

    /// Trimmed and checked against the project's levels; every problem named at once.
    func validated(levels: [String]) throws -> ElementDraft {
        var draft = self
        draft.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.level = level.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        draft.owner = owner.trimmingCharacters(in: .whitespaces).uppercased()
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 {
            errors.append(.init(field: "title", reason: "the title must be 1–200 characters"))
        }
        if draft.description.count > 20_000 {
            errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters"))
        }
        if !levels.contains(draft.level) {
            errors.append(.init(field: "level", reason: draft.level.isEmpty ? "choose a level (\(levels.joined(separator: ", ")))"
                                    : "“\(draft.level)” is not one of the project's levels (\(levels.joined(separator: ", ")))"))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }

    func fields(parentKey: String?) -> ArtifactFields {
        ["description": .string(description), "level": .string(level), "status": .string(status.rawValue),
         "parent": .string(parentKey ?? ""), "owner": .string(owner)]
    }
}
