import Foundation

/// Which ReqIF attributes become SESA's own fields, per source tool: the ReqIF implementation guide's names
/// (`ReqIF.Text`, …) map by default, and a project saves its own choices for the tools its files come from —
/// DOORS's "Object Text" as the statement, StrictDoc's "RATIONALE" as the rationale, or a tool's misused
/// `ReqIF.Name` kept as a custom attribute. Keys are attribute LONG-NAMEs as the file writes them.
public struct ReqIFFieldMapping: Sendable, Equatable, Codable {
    /// What an attribute can become: a standard field (by its ReqIF name) or a typed custom attribute.
    public enum Target: Sendable, Equatable, Hashable, CaseIterable {
        case text, name, chapterName, description, custom

        public var reqifName: String? {
            switch self {
            case .text: ReqIFImportPlan.text
            case .name: ReqIFImportPlan.name
            case .chapterName: ReqIFImportPlan.chapterName
            case .description: ReqIFImportPlan.description
            case .custom: nil
            }
        }

        /// The form value and the stored one.
        public var code: String { reqifName ?? "custom" }

        public init?(code: String) {
            guard let target = Self.allCases.first(where: { $0.code == code }) else { return nil }
            self = target
        }

        public var label: String {
            switch self {
            case .text: "Statement (requirements) or text (sections) — ReqIF.Text"
            case .name: "Title — ReqIF.Name"
            case .chapterName: "Section title — ReqIF.ChapterName"
            case .description: "Rationale — ReqIF.Description"
            case .custom: "A custom attribute of the module"
            }
        }
    }

    /// Attribute LONG-NAME → target code, only where the project chose differently from the default.
    public private(set) var entries: [String: String]

    public init(entries: [String: String] = [:]) {
        self.entries = entries
    }

    /// The default: standard names are standard fields, everything else a custom attribute.
    public static func defaultTarget(_ attribute: String) -> Target {
        Target.allCases.first { $0.reqifName == attribute } ?? .custom
    }

    public func target(_ attribute: String) -> Target {
        entries[attribute].flatMap(Target.init(code:)) ?? Self.defaultTarget(attribute)
    }

    /// The standard ReqIF name `attribute` fills, nil for a custom attribute.
    public func standardName(_ attribute: String) -> String? {
        target(attribute).reqifName
    }

    /// Sets a choice; choosing the default removes the entry, so a saved mapping lists only real decisions.
    public mutating func set(_ attribute: String, to target: Target) {
        entries[attribute] = target == Self.defaultTarget(attribute) ? nil : target.code
    }
}
