import Foundation
import Vapor

/// Project pages: registers them (inside the role groups) and builds their links.
public enum ProjectRoute: Sendable {
    case list
    case overview(key: String)
    case edit(key: String)
    case settings(key: String)
    case members(key: String)
    case memberRole(key: String, userID: UUID)
    case memberRemove(key: String, userID: UUID)
    case audit(key: String)

    /// The group every project route lives in; `ProjectAccessMiddleware` reads the key from it.
    public static let groupPath: [PathComponent] = ["projects", .parameter(ProjectAccessMiddleware.parameter)]

    public var path: String {
        func project(_ key: String) -> String {
            "/projects/" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        switch self {
        case .list: return "/projects"
        case .overview(let key): return project(key)
        case .edit(let key): return project(key) + "/edit"
        case .settings(let key): return project(key) + "/settings"
        case .members(let key): return project(key) + "/members"
        case .memberRole(let key, let userID): return project(key) + "/members/\(userID.uuidString.lowercased())/role"
        case .memberRemove(let key, let userID): return project(key) + "/members/\(userID.uuidString.lowercased())/remove"
        case .audit(let key): return project(key) + "/audit"
        }
    }
}

/// Site administration pages.
public enum AdminRoute: Sendable {
    case users
    case user(id: UUID)
    case userUnlock(id: UUID)
    case projects
    case projectCreate
    case programCreate
    case audit

    public var path: String {
        switch self {
        case .users: return "/admin/users"
        case .user(let id): return "/admin/users/\(id.uuidString.lowercased())"
        case .userUnlock(let id): return "/admin/users/\(id.uuidString.lowercased())/unlock"
        case .projects: return "/admin/projects"
        case .projectCreate: return "/admin/projects/new"
        case .programCreate: return "/admin/programs/new"
        case .audit: return "/admin/audit"
        }
    }
}
