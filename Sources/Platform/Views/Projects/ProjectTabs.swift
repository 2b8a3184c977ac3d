import NIOConcurrencyHelpers
import Plot

/// The tabs along the top of every project page; leads also see settings and the audit trail. Domain modules
/// add their own tabs (Requirements, …) at start-up with `register(_:)`.
public struct ProjectTabs: Component {
    public struct Tab: Sendable {
        public let title: String
        public let path: @Sendable (String) -> String
        public let role: ProjectRole
        public init(title: String, role: ProjectRole = .viewer, path: @escaping @Sendable (_ projectKey: String) -> String) {
            self.title = title
            self.role = role
            self.path = path
        }
    }

    private static let moduleTabs = NIOLockedValueBox<[Tab]>([])

    /// Adds a module's tab after Overview (once per title: every app in a test process registers again).
    public static func register(_ tab: Tab) {
        moduleTabs.withLockedValue { tabs in
            if !tabs.contains(where: { $0.title == tab.title }) { tabs.append(tab) }
        }
    }

    let access: ProjectAccess
    let current: String

    public init(access: ProjectAccess, current: String) {
        self.access = access
        self.current = current
    }

    public var body: Component {
        var tabs: [(String, String)] = [("Overview", ProjectRoute.overview(key: access.key).path)]
        for tab in Self.moduleTabs.withLockedValue({ $0 }) where access.allows(tab.role) {
            tabs.append((tab.title, tab.path(access.key)))
        }
        tabs.append(("Members", ProjectRoute.members(key: access.key).path))
        if access.allows(.lead) {
            tabs.append(("Settings", ProjectRoute.settings(key: access.key).path))
            tabs.append(("Audit trail", ProjectRoute.audit(key: access.key).path))
        }
        return Navigation {
            List(tabs) { tab -> Component in
                let link = Link(tab.0, url: tab.1)
                return tab.0 == current ? link.attribute(named: "aria-current", value: "page") : link
            }
        }.class("tabs").attribute(named: "aria-label", value: "Project")
    }
}

extension ProjectAccess {
    public var crumbs: [Breadcrumb] {
        [Breadcrumb("Projects", href: ProjectRoute.list.path), Breadcrumb(key, href: ProjectRoute.overview(key: key).path)]
    }
}
