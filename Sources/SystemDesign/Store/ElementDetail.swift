import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Everything an element's page shows: the element, its place in the tree and its links in both directions.
struct ElementDetail {
    struct LinkLine {
        let id: UUID
        let kind: String
        /// Read from this element: "depends on" or, for an incoming link, the inverse ("needed by").
        let label: String
        let otherKey: String
        let otherTitle: String
        /// Whether the other end is an element (its page is ours to link to).
        let otherIsElement: Bool
        let removable: Bool
        let suspect: Bool
    }

    let element: SystemElementQueries.Row
    let parentKey: String?
    /// Keys and titles from the top down to the parent.
    let ancestors: [(key: String, title: String)]
    let children: [SystemElementQueries.Row]
    let links: [LinkLine]

    static func load(_ row: SystemElementQueries.Row, parentKey: String?, access: ProjectAccess, registry: ArtifactRegistry,
                     on db: any Database) async throws -> ElementDetail
    {
        let all = try await SystemElementQueries.all(projectID: access.projectID, on: db)
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ancestors: [(key: String, title: String)] = []
        var current = row.parentID
        while let id = current, let parent = byID[id], ancestors.count < 100 {
            ancestors.insert((parent.key, parent.title), at: 0)
            current = parent.parentID
        }
        let children = all.filter { $0.parentID == row.id }
        guard let artifact = try await Artifact.find(row.id, on: db) else { throw Abort(.notFound) }
        let (outgoing, incoming) = try await ArtifactQueries.links(of: artifact, on: db)
        let others = Set(outgoing.map(\.link.targetID) + incoming.map(\.link.sourceID))
        let titles = try await Artifact.query(on: db).filter(\.$id ~~ Array(others)).all()
            .reduce(into: [UUID: Artifact]()) { result, a in if let id = a.id { result[id] = a } }
        let relationIDs = Set(SystemDesignKinds.relationKinds.map(\.id))
        func line(_ row: ArtifactQueries.LinkRow, otherID: UUID, outgoing: Bool) -> LinkLine {
            let kind = registry.linkKind(row.link.kind)
            let other = titles[otherID]
            return LinkLine(id: row.link.id ?? UUID(), kind: row.link.kind,
                            label: (outgoing ? kind?.label : kind?.inverseLabel) ?? row.link.kind, otherKey: row.otherKey,
                            otherTitle: other?.title ?? "", otherIsElement: other?.kind == SystemDesignKinds.element.id,
                            removable: relationIDs.contains(row.link.kind), suspect: row.link.suspect)
        }
        let links = outgoing.map { line($0, otherID: $0.link.targetID, outgoing: true) }
            + incoming.map { line($0, otherID: $0.link.sourceID, outgoing: false) }
        return ElementDetail(element: row, parentKey: parentKey, ancestors: ancestors, children: children, links: links)
    }
}
