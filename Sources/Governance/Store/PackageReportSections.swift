import Fluent
import Foundation
import NIOConcurrencyHelpers

/// What a design package report shows about each kind of content. The kinds (elements, interfaces) live in
/// later modules, which register a section here at start-up with the columns they know how to fill.
public enum PackageReportSections {
    public struct Column: Sendable, Equatable {
        public let id: String
        public let title: String
        public init(_ id: String, _ title: String) {
            self.id = id
            self.title = title
        }
    }

    public struct Section: Sendable {
        /// The artifact kind the section lists.
        public let kind: String
        public let title: String
        public let columns: [Column]
        /// The page of one of its artifacts.
        public let path: @Sendable (_ project: String, _ key: String) -> String
        /// Column values (by column id) per artifact id; ids it does not answer show empty cells.
        public let details: @Sendable (_ ids: [UUID], _ projectID: UUID, _ db: any Database) async throws -> [UUID: [String: String]]

        public init(kind: String, title: String, columns: [Column],
                    path: @escaping @Sendable (_ project: String, _ key: String) -> String,
                    details: @escaping @Sendable (_ ids: [UUID], _ projectID: UUID, _ db: any Database) async throws -> [UUID: [String: String]])
        {
            self.kind = kind
            self.title = title
            self.columns = columns
            self.path = path
            self.details = details
        }
    }

    private static let sections = NIOLockedValueBox<[Section]>([])

    /// Adds a section (once per kind: every app in a test process registers again).
    public static func register(_ section: Section) {
        sections.withLockedValue { if !$0.contains(where: { $0.kind == section.kind }) { $0.append(section) } }
    }

    static var all: [Section] { sections.withLockedValue { $0 } }
}
