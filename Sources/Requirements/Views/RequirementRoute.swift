import Foundation
import Platform

/// The requirements pages: registers their paths and builds their links.
public enum RequirementRoute: Sendable {
    case modules(project: String)
    case document(project: String, module: String)
    case newItem(project: String, module: String)
    case bulk(project: String, module: String)
    case attributes(project: String, module: String)
    case moduleDetails(project: String, module: String)
    case moduleDelete(project: String, module: String)
    case attribute(project: String, module: String, id: UUID)
    case attributeRemove(project: String, module: String, id: UUID)
    case quality(project: String, module: String)
    /// `format`: reqif or reqifz.
    case export(project: String, module: String, format: String)
    case attachment(project: String, module: String, id: UUID)
    case search(project: String)
    case importReqIF(project: String)
    case importApply(project: String, upload: UUID)
    case importMapping(project: String, upload: UUID)
    case settings(project: String)
    case triggers(project: String)
    case suspect(project: String)
    case coverage(project: String)
    case item(project: String, key: String)
    case edit(project: String, key: String)
    case status(project: String, key: String)
    case move(project: String, key: String)
    case links(project: String, key: String)
    case comments(project: String, key: String)
    case diff(project: String, key: String)
    case impact(project: String, key: String)
    case impactSVG(project: String, key: String)
    case commentResolve(project: String, thread: UUID)
    case linkClear(project: String, link: UUID)
    case linkRemove(project: String, link: UUID)

    static func encode(_ part: String) -> String { PathSegment.encode(part) }
    static func encodeItemKey(_ key: String) -> String { PathSegment.encodeKey(key) }

    public var path: String {
        func project(_ key: String) -> String { "/projects/" + Self.encode(key) }
        func module(_ key: String, _ prefix: String) -> String { project(key) + "/requirements/" + Self.encode(prefix) }
        func item(_ key: String, _ itemKey: String) -> String { project(key) + "/items/" + Self.encodeItemKey(itemKey) }
        switch self {
        case .modules(let key): return project(key) + "/requirements"
        case .document(let key, let prefix): return module(key, prefix)
        case .newItem(let key, let prefix): return module(key, prefix) + "/items"
        case .bulk(let key, let prefix): return module(key, prefix) + "/bulk"
        case .attributes(let key, let prefix): return module(key, prefix) + "/attributes"
        case .moduleDetails(let key, let prefix): return module(key, prefix) + "/details"
        case .moduleDelete(let key, let prefix): return module(key, prefix) + "/delete"
        case .attribute(let key, let prefix, let id): return module(key, prefix) + "/attributes/\(id.uuidString.lowercased())"
        case .attributeRemove(let key, let prefix, let id): return module(key, prefix) + "/attributes/\(id.uuidString.lowercased())/remove"
        case .quality(let key, let prefix): return module(key, prefix) + "/quality"
        case .export(let key, let prefix, let format): return module(key, prefix) + "/export." + format
        case .attachment(let key, let prefix, let id): return module(key, prefix) + "/attachments/" + id.uuidString.lowercased()
        case .search(let key): return project(key) + "/requirements-search"
        case .importReqIF(let key): return project(key) + "/requirements-import"
        case .importApply(let key, let upload): return project(key) + "/requirements-import/\(upload.uuidString.lowercased())/apply"
        case .importMapping(let key, let upload): return project(key) + "/requirements-import/\(upload.uuidString.lowercased())/mapping"
        case .settings(let key): return project(key) + "/requirements-settings"
        case .triggers(let key): return project(key) + "/requirements-settings/triggers"
        case .suspect(let key): return project(key) + "/suspect-links"
        case .coverage(let key): return project(key) + "/requirements-coverage"
        case .item(let key, let itemKey): return item(key, itemKey)
        case .edit(let key, let itemKey): return item(key, itemKey) + "/edit"
        case .status(let key, let itemKey): return item(key, itemKey) + "/status"
        case .move(let key, let itemKey): return item(key, itemKey) + "/move"
        case .links(let key, let itemKey): return item(key, itemKey) + "/links"
        case .comments(let key, let itemKey): return item(key, itemKey) + "/comments"
        case .diff(let key, let itemKey): return item(key, itemKey) + "/diff"
        case .impact(let key, let itemKey): return item(key, itemKey) + "/impact"
        case .impactSVG(let key, let itemKey): return item(key, itemKey) + "/impact.svg"
        case .commentResolve(let key, let thread): return project(key) + "/comments/\(thread.uuidString.lowercased())/resolve"
        case .linkClear(let key, let link): return project(key) + "/links/\(link.uuidString.lowercased())/clear"
        case .linkRemove(let key, let link): return project(key) + "/links/\(link.uuidString.lowercased())/remove"
        }
    }
}
