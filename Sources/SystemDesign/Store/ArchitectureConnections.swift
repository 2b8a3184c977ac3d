import Fluent
import Foundation
import NIOConcurrencyHelpers

/// What joins the nodes of a generated architecture view besides the tree. SystemDesign knows its own
/// `depends-on` relations; later modules (interfaces) register their connections here at start-up.
public enum ArchitectureConnections {
    /// A connection between two elements (ids of any elements: the view rolls each end up to its nearest node).
    public struct Connection: Sendable, Equatable {
        public let from: UUID
        public let to: UUID
        public let label: String

        public init(from: UUID, to: UUID, label: String) {
            self.from = from
            self.to = to
            self.label = label
        }
    }

    public typealias Source = @Sendable (_ projectID: UUID, _ db: any Database) async throws -> [Connection]

    private static let sources = NIOLockedValueBox<[String: Source]>([:])

    /// Adds a source under a name (once per name: every app in a test process registers again).
    public static func register(_ name: String, _ source: @escaping Source) {
        sources.withLockedValue { if $0[name] == nil { $0[name] = source } }
    }

    static func all(projectID: UUID, on db: any Database) async throws -> [Connection] {
        var connections: [Connection] = []
        for (_, source) in sources.withLockedValue({ $0 }).sorted(by: { $0.key < $1.key }) {
            connections += try await source(projectID, db)
        }
        return connections
    }
}
