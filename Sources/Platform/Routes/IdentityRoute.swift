import Vapor

/// Sign-in, set-up and account routes; registers them and builds their links.
public enum IdentityRoute: Sendable {
    case login
    case logout
    case setup(token: String)
    case account
    case accountPassword
    case accountSessionRevoke(id: String)
    case accountTokens
    case accountTokenRevoke(id: UUID)

    /// Route templates for registration.
    static let loginPath: [PathComponent] = ["login"]
    static let logoutPath: [PathComponent] = ["logout"]
    static let setupPath: [PathComponent] = ["setup", ":token"]
    static let accountPath: [PathComponent] = ["account"]
    static let accountPasswordPath: [PathComponent] = ["account", "password"]
    static let accountSessionRevokePath: [PathComponent] = ["account", "sessions", ":id", "revoke"]

    /// The link (path components are percent-encoded).
    public var path: String {
        func encode(_ value: String) -> String {
            value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
        }
        switch self {
        case .login: return "/login"
        case .logout: return "/logout"
        case .setup(let token): return "/setup/" + encode(token)
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .accountSessionRevoke(let id): return "/account/sessions/\(encode(id))/revoke"
        case .accountTokens: return "/account/tokens"
        case .accountTokenRevoke(let id): return "/account/tokens/\(id.uuidString.lowercased())/revoke"
        }
    }
}

import Foundation
