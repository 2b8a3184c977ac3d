import Fluent
import Foundation
import Platform
import TraceEngine

/// The architecture view of the element tree, generated from the model on every request: one box per element
/// (key and title), parent–child lines, and `depends-on` relations as dashed connections.
struct ElementDiagram {
    let svg: TreeDiagramSVG
    /// Element keys, one per node (the draw.io shape ids).
    let keys: [String]

    static func make(_ access: ProjectAccess, on db: any Database) async throws -> ElementDiagram {
        let rows = try await SystemElementQueries.tree(projectID: access.projectID, on: db)
        let relations = try await SystemElementQueries.relations(projectID: access.projectID, kind: SystemDesignKinds.dependsOn.id,
                                                                 on: db)
        return make(title: "\(access.key) element tree", rows: rows, relations: relations, project: access.key)
    }

    static func make(title: String, rows: [SystemElementQueries.TreeRow], relations: [(UUID, UUID)], project: String)
        -> ElementDiagram
    {
        var index: [UUID: Int] = [:]
        for (i, row) in rows.enumerated() { index[row.element.id] = i }
        let nodes = rows.map { row in
            TreeLayout.Node(parent: row.element.parentID.flatMap { index[$0] }, label: "\(row.element.key) \(row.element.title)")
        }
        let connections = relations.compactMap { source, target in
            index[source].flatMap { from in index[target].map { TreeDiagramSVG.Connection(from: from, to: $0, label: "depends on") } }
        }
        let links = rows.map { Optional(SystemDesignRoute.element(project: project, key: $0.element.key).path) }
        return ElementDiagram(svg: TreeDiagramSVG(title: title, nodes: nodes, connections: connections, links: links),
                              keys: rows.map(\.element.key))
    }
}
