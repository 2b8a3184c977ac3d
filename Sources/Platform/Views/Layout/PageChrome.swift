/// A link in the breadcrumb trail; the last crumb is the current page and has no link.
public struct Breadcrumb: Sendable, Equatable {
    public var title: String
    public var href: String?
    public init(_ title: String, href: String? = nil) {
        self.title = title
        self.href = href
    }
}

/// A one-off message shown at the top of the next page (e.g. "Project created").
public struct Flash: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case success, info, warning, error }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// An entry in the main navigation, registered by a module.
public struct NavigationEntry: Sendable, Equatable {
    public var title: String
    public var href: String
    public var order: Int
    public init(title: String, href: String, order: Int) {
        self.title = title
        self.href = href
        self.order = order
    }
}

/// The project switcher in the header: the projects the viewer can open, and the current one.
public struct ProjectSwitcher: Sendable, Equatable {
    public struct Option: Sendable, Equatable {
        public var key: String
        public var name: String
        public var href: String
        public init(key: String, name: String, href: String) {
            self.key = key
            self.name = name
            self.href = href
        }
    }
    public var current: String?
    public var options: [Option]
    public init(current: String?, options: [Option]) {
        self.current = current
        self.options = options
    }
}
