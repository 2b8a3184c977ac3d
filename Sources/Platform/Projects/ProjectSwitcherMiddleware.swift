import Fluent
import Foundation
import Vapor

/// Loads the header's project switcher (the signed-in user's projects) for page requests.
public struct ProjectSwitcherMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if let identity = request.identity, request.method == .GET, !path.hasPrefix("/api/"),
            !path.hasPrefix("/static/"), !path.hasPrefix("/health"), path != "/metrics"
        {
            request.projectOptions = try await Self.options(for: identity, on: request.db)
        }
        return try await next.respond(to: request)
    }

    /// Active projects the user is a member of (administrators see every active project), by key.
    static func options(for identity: Identity, on database: any Database) async throws -> [ProjectSwitcher.Option] {
        var query = Project.query(on: database).filter(\.$status == .active).sort(\.$key).limit(200)
        if !identity.isSiteAdmin {
            let ids = try await Membership.query(on: database).filter(\.$user.$id == identity.userID).all()
                .map { $0.$project.id }
            if ids.isEmpty { return [] }
            query = query.filter(\.$id ~~ ids)
        }
        return try await query.all().map {
            .init(key: $0.key, name: $0.name, href: ProjectRoute.overview(key: $0.key).path)
        }
    }
}

extension Request {
    private struct ProjectOptionsKey: StorageKey { typealias Value = [ProjectSwitcher.Option] }

    var projectOptions: [ProjectSwitcher.Option]? {
        get { storage[ProjectOptionsKey.self] }
        set { storage[ProjectOptionsKey.self] = newValue }
    }

    /// The switcher for this page: nil when signed out.
    var projectSwitcher: ProjectSwitcher? {
        guard identity != nil else { return nil }
        return ProjectSwitcher(current: projectAccess?.key, options: projectOptions ?? [])
    }
}
