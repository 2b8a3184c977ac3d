import Fluent
import Foundation
import Vapor

/// The project a request is about and the caller's role in it, set by `ProjectAccessMiddleware`.
public struct ProjectAccess: Sendable {
    public let projectID: UUID
    public let key: String
    public let name: String
    public let status: Project.Status
    /// The member's role; site administrators who are not members act as leads.
    public let role: ProjectRole
    public let isMember: Bool

    public init(projectID: UUID, key: String, name: String, status: Project.Status, role: ProjectRole, isMember: Bool) {
        self.projectID = projectID
        self.key = key
        self.name = name
        self.status = status
        self.role = role
        self.isMember = isMember
    }

    public func allows(_ role: ProjectRole) -> Bool { self.role >= role }
}

extension Request {
    private struct ProjectAccessKey: StorageKey { typealias Value = ProjectAccess }

    public var projectAccess: ProjectAccess? {
        get { storage[ProjectAccessKey.self] }
        set { storage[ProjectAccessKey.self] = newValue }
    }

    /// The project of a route inside a project group; a bug if called elsewhere.
    public func requireProject() throws -> ProjectAccess {
        guard let projectAccess else { throw Abort(.internalServerError, reason: "No project on this route.") }
        return projectAccess
    }
}

/// Authorisation for everything under `/projects/:projectKey` (pages and API alike): a non-member gets 404 —
/// another project's existence is not disclosed — and a member below `required` gets 403. An archived project
/// is read-only except for what its leads need to reactivate it.
public struct ProjectAccessMiddleware: AsyncMiddleware {
    public static let parameter = "projectKey"
    let required: ProjectRole
    let allowsArchived: Bool

    public init(_ required: ProjectRole, allowsArchived: Bool = false) {
        self.required = required
        self.allowsArchived = allowsArchived
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let identity = try request.requireIdentity()
        let key = request.parameters.get(Self.parameter) ?? ""
        let access = try await Self.resolve(key: key, identity: identity, scope: request.tokenScope, on: request.db)
        guard let access else { throw Abort(.notFound, reason: "There is no project \(key) that you can see.") }
        request.projectAccess = access
        guard access.allows(required) else {
            throw Abort(.forbidden, reason:
                "Your role in \(access.key) is \(access.role.rawValue); this needs \(required.rawValue) or higher.")
        }
        if access.status == .archived && required > .viewer && !allowsArchived {
            throw Abort(.conflict, reason: "\(access.key) is archived and read-only. A lead can reactivate it in its settings.")
        }
        return try await next.respond(to: request)
    }

    /// The caller's access to the project `key`, or nil when it does not exist or they may not see it. A
    /// personal access token sees only its own project, with the lower of its role and its owner's.
    static func resolve(key: String, identity: Identity, scope: TokenScope? = nil, on database: any Database)
        async throws -> ProjectAccess?
    {
        guard Project.isValid(key: key),
            let project = try await Project.query(on: database).filter(\.$key == key).first()
        else { return nil }
        let projectID = try project.requireID()
        if let scope, scope.projectID != projectID { return nil }
        let membership = try await Membership.query(on: database).filter(\.$project.$id == projectID)
            .filter(\.$user.$id == identity.userID).first()
        let role: ProjectRole
        if let membership { role = membership.role } else if identity.isSiteAdmin { role = .lead } else { return nil }
        return ProjectAccess(projectID: projectID, key: project.key, name: project.name, status: project.status,
                             role: scope.map { min($0.role, role) } ?? role, isMember: membership != nil)
    }
}

/// Site administration: only site administrators; anyone else gets 403.
public struct SiteAdminMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let identity = try request.requireIdentity()
        guard identity.isSiteAdmin else { throw Abort(.forbidden, reason: "Only site administrators may do this.") }
        return try await next.respond(to: request)
    }
}
