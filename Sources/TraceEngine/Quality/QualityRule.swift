/// One requirement-writing rule in the INCOSE guide's spirit: an id that never changes (projects disable rules
/// by id), how serious a finding is, why the rule exists, and a bad and a good example for the docs and the UI.
public struct QualityRule: Sendable, Hashable, Identifiable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case info, warning, error

        var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public let id: String
    public let title: String
    public let severity: Severity
    public let explanation: String
    public let badExample: String
    public let goodExample: String
}

/// A rule that fired on a statement, with the words that made it fire.
public struct QualityFinding: Sendable, Hashable, Codable {
    public let ruleID: String
    public let severity: QualityRule.Severity
    public let message: String
    /// The offending text as written (e.g. "if possible"), or nil when the whole statement is at fault.
    public let match: String?

    public init(ruleID: String, severity: QualityRule.Severity, message: String, match: String?) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.match = match
    }
}
