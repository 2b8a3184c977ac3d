import NIOConcurrencyHelpers

/// Links that later modules add to every element's page ("Interfaces at this element"): SystemDesign cannot
/// import them, so they register here at start-up, like project tabs.
public enum ElementPageLinks {
    public struct Entry: Sendable {
        public let title: String
        public let path: @Sendable (_ project: String, _ elementKey: String) -> String

        public init(title: String, path: @escaping @Sendable (_ project: String, _ elementKey: String) -> String) {
            self.title = title
            self.path = path
        }
    }

    private static let entries = NIOLockedValueBox<[Entry]>([])

    /// Adds a link (once per title: every app in a test process registers again).
    public static func register(_ entry: Entry) {
        entries.withLockedValue { if !$0.contains(where: { $0.title == entry.title }) { $0.append(entry) } }
    }

    static var all: [Entry] { entries.withLockedValue { $0 } }
}
