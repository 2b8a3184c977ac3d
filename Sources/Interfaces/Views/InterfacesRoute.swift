import Foundation
import Platform

/// The interface pages: registers their paths and builds their links.
public enum InterfacesRoute: Sendable {
    case list(project: String)
    case interface(project: String, key: String)
    case edit(project: String, key: String)
    case delete(project: String, key: String)
    case types(project: String)
    case n2(project: String)
    /// `format`: svg or csv.
    case n2Export(project: String, format: String)
    case gaps(project: String)

    public var path: String {
        let base = "/projects/"
        switch self {
        case .list(let project): return base + PathSegment.encode(project) + "/interfaces"
        case .interface(let project, let key): return base + PathSegment.encode(project) + "/interfaces/" + PathSegment.encodeKey(key)
        case .edit(let project, let key): return InterfacesRoute.interface(project: project, key: key).path + "/edit"
        case .delete(let project, let key): return InterfacesRoute.interface(project: project, key: key).path + "/delete"
        case .types(let project): return base + PathSegment.encode(project) + "/interface-types"
        case .n2(let project): return base + PathSegment.encode(project) + "/n2"
        case .n2Export(let project, let format): return base + PathSegment.encode(project) + "/n2." + format
        case .gaps(let project): return base + PathSegment.encode(project) + "/interface-reports"
        }
    }
}
