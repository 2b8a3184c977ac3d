import Platform

/// The requirement lifecycle: draft → in review → approved → obsolete, and who may move it where.
/// Editors submit and withdraw; only leads approve, retire and revive. An edit of an approved requirement's
/// trigger fields sends it back to review by itself (see `RequirementStore.update`).
public enum RequirementStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case inReview = "in-review"
    case approved
    case obsolete

    public var title: String {
        switch self {
        case .draft: "Draft"
        case .inReview: "In review"
        case .approved: "Approved"
        case .obsolete: "Obsolete"
        }
    }

    public struct Transition: Sendable, Hashable {
        public let to: RequirementStatus
        public let action: String
        public let role: ProjectRole
    }

    public var transitions: [Transition] {
        switch self {
        case .draft:
            [.init(to: .inReview, action: "Submit for review", role: .editor),
             .init(to: .obsolete, action: "Make obsolete", role: .lead)]
        case .inReview:
            [.init(to: .approved, action: "Approve", role: .lead),
             .init(to: .draft, action: "Return to draft", role: .editor),
             .init(to: .obsolete, action: "Make obsolete", role: .lead)]
        case .approved:
            [.init(to: .inReview, action: "Reopen for review", role: .editor),
             .init(to: .obsolete, action: "Make obsolete", role: .lead)]
        case .obsolete:
            [.init(to: .draft, action: "Revive as draft", role: .lead)]
        }
    }

    public func transition(to target: RequirementStatus) -> Transition? { transitions.first { $0.to == target } }
}

/// How a requirement is verified (several allowed).
public enum VerificationMethod: String, Sendable, Codable, CaseIterable {
    case test, analysis, inspection, demonstration

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum RequirementPriority: String, Sendable, Codable, CaseIterable {
    case high, medium, low

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
