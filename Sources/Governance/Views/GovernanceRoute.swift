import Foundation
import Platform

/// The governance pages: registers their paths and builds their links.
public enum GovernanceRoute: Sendable {
    case overview(project: String)
    case phases(project: String)
    /// `action`: edit, move, delete.
    case phase(project: String, id: UUID, action: String)
    case organisations(project: String)
    /// `action`: edit, delete.
    case organisation(project: String, id: UUID, action: String)
    case packages(project: String)
    case package(project: String, key: String)
    /// `action`: edit, delete, contents.
    case packageAction(project: String, key: String, action: String)
    case packageContentRemove(project: String, key: String, link: UUID)
    /// `format`: csv or xlsx.
    case packageReport(project: String, key: String, format: String)
    /// `format`: csv or xlsx.
    case packagesExport(project: String, format: String)
    case packagesImport(project: String)

    public var path: String {
        let base = { (key: String) in "/projects/" + PathSegment.encode(key) }
        let id = { (id: UUID) in id.uuidString.lowercased() }
        switch self {
        case .overview(let project): return base(project) + "/governance"
        case .phases(let project): return base(project) + "/phases"
        case .phase(let project, let phase, let action): return base(project) + "/phases/" + id(phase) + "/" + action
        case .organisations(let project): return base(project) + "/organisations"
        case .organisation(let project, let org, let action): return base(project) + "/organisations/" + id(org) + "/" + action
        case .packages(let project): return base(project) + "/packages"
        case .package(let project, let key): return base(project) + "/packages/" + PathSegment.encodeKey(key)
        case .packageAction(let project, let key, let action):
            return GovernanceRoute.package(project: project, key: key).path + "/" + action
        case .packageContentRemove(let project, let key, let link):
            return GovernanceRoute.package(project: project, key: key).path + "/contents/" + id(link) + "/remove"
        case .packageReport(let project, let key, let format):
            return GovernanceRoute.package(project: project, key: key).path + "/report." + format
        case .packagesExport(let project, let format): return base(project) + "/packages-export." + format
        case .packagesImport(let project): return base(project) + "/packages-import"
        }
    }
}
