import Artifacts
import Foundation
import Platform
import TraceEngine

/// What a person says about an interface, before validation; the ends are element ids resolved by the caller.
public struct InterfaceDraft: Sendable, Equatable {
    public var title: String
    public var sideA: UUID?
    public var sideB: UUID?
    public var type: String
    public var direction: String
    public var medium: String
    public var status: SystemInterface.Status
    public var description: String
    /// Delivery organisation codes (empty: none; for the sides, the end element's owner) and the project's
    /// interface id; the store resolves the codes in the project.
    public var owner = ""
    public var projectInterfaceID = ""
    public var sideAOrg = ""
    public var sideBOrg = ""

    public init(title: String, sideA: UUID?, sideB: UUID?, type: String, direction: N2Matrix.Direction = .aToB,
                medium: String = "", status: SystemInterface.Status = .proposed, description: String = "")
    {
        self.title = title
        self.sideA = sideA
        self.sideB = sideB
        self.type = type
        self.direction = direction.rawValue
        self.medium = medium
        self.status = status
        self.description = description
    }

    /// Trimmed and checked against the project's types; every problem named at once.
    func validated(types: [String]) throws -> InterfaceDraft {
        var draft = self
        draft.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.type = type.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        draft.medium = medium.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.owner = owner.trimmingCharacters(in: .whitespaces).uppercased()
        draft.sideAOrg = sideAOrg.trimmingCharacters(in: .whitespaces).uppercased()
        draft.sideBOrg = sideBOrg.trimmingCharacters(in: .whitespaces).uppercased()
        draft.projectInterfaceID = projectInterfaceID.trimmingCharacters(in: .whitespaces)
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 {
            errors.append(.init(field: "title", reason: "the name must be 1–200 characters"))
        }
        if sideA == nil { errors.append(.init(field: "side_a", reason: "choose the element at side A")) }
        if sideB == nil { errors.append(.init(field: "side_b", reason: "choose the element at side B")) }
        if let a = sideA, a == sideB {
            errors.append(.init(field: "side_b", reason: "the two ends must be different elements (an element's inner interfaces belong to its parts)"))
        }
        if !types.contains(draft.type) {
            errors.append(.init(field: "type", reason: "“\(draft.type)” is not one of the project's interface types (\(types.joined(separator: ", ")))"))
        }
        if N2Matrix.Direction(rawValue: direction) == nil {
            errors.append(.init(field: "direction", reason: "the direction must be one of \(N2Matrix.Direction.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if draft.medium.count > 200 { errors.append(.init(field: "medium", reason: "the medium or protocol must be at most 200 characters")) }
        if draft.projectInterfaceID.count > 64 {
            errors.append(.init(field: "interface_id", reason: "the project interface id must be at most 64 characters"))
        }
        if draft.description.count > 20_000 {
            errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters"))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }

    func fields(sideAKey: String, sideBKey: String) -> ArtifactFields {
        ["description": .string(description), "type": .string(type), "direction": .string(direction),
         "medium": .string(medium), "status": .string(status.rawValue), "side_a": .string(sideAKey), "side_b": .string(sideBKey),
         "owner": .string(owner), "interface_id": .string(projectInterfaceID), "side_a_org": .string(sideAOrg), "side_b_org": .string(sideBOrg)]
    }
}
