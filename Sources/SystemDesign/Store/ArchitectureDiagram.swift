import Fluent
import Foundation
import Platform
import TraceEngine

/// An architecture's view, generated from the model on every request: its nodes laid out in layers by their
/// place in the element tree (each node under its nearest ancestor that is also a node), and the connections
/// between them — interfaces and `depends-on` relations whose ends lie at or below two different nodes, rolled up
/// to those nodes and counted. Nothing is drawn by hand, so the view cannot drift from the data.
public struct ArchitectureDiagram: Sendable {
    public let svg: TreeDiagramSVG
    /// Element keys, one per node (the draw.io shape ids).
    public let keys: [String]

    public static func load(_ architecture: ArchitectureQueries.Row, project: String, projectID: UUID, on db: any Database) async throws
        -> ArchitectureDiagram
    {
        let tree = try await SystemElementQueries.tree(projectID: projectID, on: db).map(\.element)
        let nodes = try await ArchitectureQueries.nodes(of: architecture.id, on: db)
        var connections = try await ArchitectureConnections.all(projectID: projectID, on: db)
        for (from, to) in try await SystemElementQueries.relations(projectID: projectID, kind: SystemDesignKinds.dependsOn.id, on: db) {
            connections.append(.init(from: from, to: to, label: "depends on"))
        }
        return make(title: "\(architecture.key) \(architecture.title)", tree: tree, nodes: nodes, connections: connections, project: project)
    }

    /// The pure part: `tree` in tree order, `nodes` the architecture's elements.
    public static func make(title: String, tree: [SystemElementQueries.Row], nodes: Set<UUID>,
                            connections: [ArchitectureConnections.Connection], project: String) -> ArchitectureDiagram
    {
        let parents = Dictionary(tree.compactMap { row in row.parentID.map { (row.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let shown = tree.filter { nodes.contains($0.id) }
        var index: [UUID: Int] = [:]
        for (i, row) in shown.enumerated() { index[row.id] = i }
        /// The node an element belongs to: itself or its nearest ancestor that is a node.
        func node(of element: UUID) -> Int? {
            var current: UUID? = element
            var steps = 0
            while let id = current, steps < 1_000 {
                if let i = index[id] { return i }
                current = parents[id]
                steps += 1
            }
            return nil
        }
        let layoutNodes = shown.map { row in
            TreeLayout.Node(parent: row.parentID.flatMap { node(of: $0) }, label: "\(row.key) \(row.title)")
        }
        // Connections rolled up to node pairs; several between the same pair become one line with a count.
        var labels: [[Int]: [String]] = [:]
        var order: [[Int]] = []
        for connection in connections {
            guard let a = node(of: connection.from), let b = node(of: connection.to), a != b else { continue }
            let pair = [a, b]
            if labels[pair] == nil { order.append(pair) }
            labels[pair, default: []].append(connection.label)
        }
        let lines = order.map { pair -> TreeDiagramSVG.Connection in
            let names = labels[pair]!
            return .init(from: pair[0], to: pair[1], label: names.count == 1 ? names[0] : "\(names.count): " + names.joined(separator: ", "))
        }
        let links = shown.map { Optional(SystemDesignRoute.element(project: project, key: $0.key).path) }
        return ArchitectureDiagram(svg: TreeDiagramSVG(title: title, nodes: layoutNodes, connections: lines, links: links),
                                   keys: shown.map(\.key))
    }
}
