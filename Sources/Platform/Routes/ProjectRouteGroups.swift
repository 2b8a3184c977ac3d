import Vapor

/// The route groups every domain module registers into: the project's pages (`/projects/{key}/…`) or its API
/// (`/api/v1/projects/{key}/…`), each behind project access at the three roles.
public struct ProjectRouteGroups {
    public let viewers: any RoutesBuilder
    public let editors: any RoutesBuilder
    public let leads: any RoutesBuilder

    init(_ base: any RoutesBuilder) {
        viewers = base.grouped(ProjectAccessMiddleware(.viewer))
        editors = base.grouped(ProjectAccessMiddleware(.editor))
        leads = base.grouped(ProjectAccessMiddleware(.lead))
    }

    /// viewers, editors, leads — for `let (viewers, editors, leads) = ProjectRouteGroups.pages(app).all`.
    public var all: (any RoutesBuilder, any RoutesBuilder, any RoutesBuilder) { (viewers, editors, leads) }

    public static func pages(_ app: Application) -> ProjectRouteGroups { .init(app.grouped(ProjectRoute.groupPath)) }
    public static func api(_ app: Application) -> ProjectRouteGroups { .init(app.grouped(["api", "v1"] + ProjectRoute.groupPath)) }
}
