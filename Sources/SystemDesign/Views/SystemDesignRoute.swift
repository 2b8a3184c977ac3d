import Foundation
import Platform

/// The system design pages: registers their paths and builds their links.
public enum SystemDesignRoute: Sendable {
    case elements(project: String)
    case element(project: String, key: String)
    case edit(project: String, key: String)
    case move(project: String, key: String)
    case delete(project: String, key: String)
    case relations(project: String, key: String)
    case relationRemove(project: String, link: UUID)
    /// `format`: svg or drawio.
    case view(project: String, format: String)
    /// `format`: csv or xlsx.
    case export(project: String, format: String)
    case importSheet(project: String)
    case levels(project: String)
    /// JSON for the pages' element picker (session-authenticated; the API takes bearer tokens only).
    case picker(project: String)
    case scope(project: String)
    case architectures(project: String)
    case architecture(project: String, key: String)
    /// `action`: edit, status, delete, view.svg, view.drawio.
    case architectureAction(project: String, key: String, action: String)
    /// `action`: edit or remove.
    case scopeAction(project: String, id: UUID, action: String)

    public var path: String {
        let base = { (key: String) in "/projects/" + PathSegment.encode(key) }
        switch self {
        case .elements(let project): return base(project) + "/elements"
        case .element(let project, let key): return base(project) + "/elements/" + PathSegment.encodeKey(key)
        case .edit(let project, let key): return base(project) + "/elements/" + PathSegment.encodeKey(key) + "/edit"
        case .move(let project, let key): return base(project) + "/elements/" + PathSegment.encodeKey(key) + "/move"
        case .delete(let project, let key): return base(project) + "/elements/" + PathSegment.encodeKey(key) + "/delete"
        case .relations(let project, let key): return base(project) + "/elements/" + PathSegment.encodeKey(key) + "/relations"
        case .relationRemove(let project, let link): return base(project) + "/element-relations/\(link.uuidString.lowercased())/remove"
        case .view(let project, let format): return base(project) + "/element-tree." + format
        case .export(let project, let format): return base(project) + "/elements-export." + format
        case .importSheet(let project): return base(project) + "/elements-import"
        case .levels(let project): return base(project) + "/element-levels"
        case .picker(let project): return base(project) + "/elements-picker"
        case .scope(let project): return base(project) + "/scope"
        case .architectures(let project): return base(project) + "/architectures"
        case .architecture(let project, let key): return base(project) + "/architectures/" + PathSegment.encodeKey(key)
        case .architectureAction(let project, let key, let action):
            return base(project) + "/architectures/" + PathSegment.encodeKey(key) + "/" + action
        case .scopeAction(let project, let id, let action): return base(project) + "/scope/\(id.uuidString.lowercased())/" + action
        }
    }
}
