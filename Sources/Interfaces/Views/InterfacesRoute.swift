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
    case dashboard(project: String)
    /// `format`: csv or xlsx.
    case sheet(project: String, format: String)
    case importSheet(project: String)
    case documents(project: String)
    case document(project: String, id: UUID)
    /// `action`: edit, delete, files.
    case documentAction(project: String, id: UUID, action: String)
    case documentFile(project: String, id: UUID, file: UUID)

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
        case .dashboard(let project): return base + PathSegment.encode(project) + "/design-dashboard"
        case .sheet(let project, let format): return base + PathSegment.encode(project) + "/interfaces-export." + format
        case .importSheet(let project): return base + PathSegment.encode(project) + "/interfaces-import"
        case .documents(let project): return base + PathSegment.encode(project) + "/interface-documents"
        case .document(let project, let id):
            return InterfacesRoute.documents(project: project).path + "/" + id.uuidString.lowercased()
        case .documentAction(let project, let id, let action): return InterfacesRoute.document(project: project, id: id).path + "/" + action
        case .documentFile(let project, let id, let file):
            return InterfacesRoute.document(project: project, id: id).path + "/files/" + file.uuidString.lowercased()
        }
    }
}
