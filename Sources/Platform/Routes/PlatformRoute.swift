import Vapor

/// Every route Platform serves; the same enum registers the routes and builds links to them.
public enum PlatformRoute: CaseIterable, Sendable {
    case home
    case health
    case healthReady
    case healthDB
    case healthDetailed
    case metrics
    case apiStatus
    case openAPI

    public var pathComponents: [PathComponent] {
        switch self {
        case .home: return []
        case .health: return ["health"]
        case .healthReady: return ["health", "ready"]
        case .healthDB: return ["health", "db"]
        case .healthDetailed: return ["health", "detailed"]
        case .metrics: return ["metrics"]
        case .apiStatus: return ["api", "v1", "status"]
        case .openAPI: return ["api", "v1", "openapi.json"]
        }
    }

    /// The link to this route.
    public var path: String { "/" + pathComponents.map(\.description).joined(separator: "/") }
}
