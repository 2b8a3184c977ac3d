import Vapor

/// What every page needs from its request besides its own model: navigation, assets, messages.
public struct PageContext: Sendable {
    public var navigation: [NavigationEntry]
    public var currentPath: String
    public var flashes: [Flash]
    public var projectSwitcher: ProjectSwitcher?
    public var assets: AssetManifest
    public var version: String
    public var environment: AppConfig.Mode
    /// The signed-in user, for the header's account menu; nil when signed out.
    public var identity: Identity?
    /// For the forms in the layout itself (sign out).
    public var csrfToken: String

    public init(navigation: [NavigationEntry], currentPath: String, flashes: [Flash] = [],
                projectSwitcher: ProjectSwitcher? = nil, assets: AssetManifest, version: String,
                environment: AppConfig.Mode, identity: Identity? = nil, csrfToken: String = "") {
        self.navigation = navigation
        self.currentPath = currentPath
        self.flashes = flashes
        self.projectSwitcher = projectSwitcher
        self.assets = assets
        self.version = version
        self.environment = environment
        self.identity = identity
        self.csrfToken = csrfToken
    }
}

extension Application {
    private struct NavigationKey: StorageKey { typealias Value = [NavigationEntry] }

    /// Modules add their menu entries here while the app is configured.
    public func addNavigation(_ entry: NavigationEntry) {
        storage[NavigationKey.self] = (navigation + [entry]).sorted { ($0.order, $0.title) < ($1.order, $1.title) }
    }

    public var navigation: [NavigationEntry] { storage[NavigationKey.self] ?? [] }
}

extension Request {
    public var pageContext: PageContext {
        PageContext(
            navigation: application.navigation, currentPath: url.path, flashes: incomingFlashes,
            projectSwitcher: projectSwitcher, assets: application.assets, version: SesaVersion.current, environment: application.config.mode,
            identity: identity, csrfToken: csrfToken)
    }

    /// Renders a page with the site layout as a `text/html; charset=utf-8` response.
    public func render(_ page: some PageView, status: HTTPResponseStatus = .ok) -> Response {
        Response.html(page.document(in: pageContext), status: status)
    }
}

extension Response {
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "html", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: headers, body: .init(string: body))
    }
}
