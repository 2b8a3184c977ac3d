/// A member's role in a project: viewers read, editors write, leads govern (membership, settings, and later
/// freezing and approvals). Ordered, so "at least editor" is a comparison.
public enum ProjectRole: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, editor, lead

    var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .lead: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
