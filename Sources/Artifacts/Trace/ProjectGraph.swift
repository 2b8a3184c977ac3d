import Foundation
import TraceEngine

/// A project's trace graph at one revision: the compact `TraceGraph` plus the maps between artifact ids,
/// keys and kinds and the graph's dense node numbers and kind codes.
public struct ProjectGraph: Sendable {
    public let projectID: UUID
    public let revision: Int64
    public let graph: TraceGraph
    public let ids: [UUID]
    public let keys: [String]
    public let titles: [String]
    /// Node n's artifact kind code; `artifactKinds[code]` is its id.
    public let nodeKinds: [UInt8]
    public let artifactKinds: [String]
    public let linkKinds: [String]
    let nodeByID: [UUID: TraceGraph.Node]

    public func node(_ id: UUID) -> TraceGraph.Node? { nodeByID[id] }
    public func linkKindCode(_ id: String) -> TraceGraph.LinkKind? { linkKinds.firstIndex(of: id).map { TraceGraph.LinkKind($0) } }
    public func artifactKindCode(_ id: String) -> UInt8? { artifactKinds.firstIndex(of: id).map { UInt8($0) } }
    public func kind(of node: TraceGraph.Node) -> String { artifactKinds[Int(nodeKinds[Int(node)])] }

    /// Builds the graph from rows; link rows whose ends are not live artifacts are skipped.
    public init(projectID: UUID, revision: Int64, artifacts: [(id: UUID, key: String, title: String, kind: String)],
         links: [(source: UUID, target: UUID, kind: String)])
    {
        var kinds: [String] = []
        var kindCodes: [String: UInt8] = [:]
        func code(_ kind: String) -> UInt8 {
            if let code = kindCodes[kind] { return code }
            precondition(kinds.count < 255, "more than 255 artifact kinds in one project")
            kinds.append(kind)
            kindCodes[kind] = UInt8(kinds.count - 1)
            return UInt8(kinds.count - 1)
        }
        var ids: [UUID] = []
        var keys: [String] = []
        var titles: [String] = []
        var nodeKinds: [UInt8] = []
        var nodeByID: [UUID: TraceGraph.Node] = [:]
        ids.reserveCapacity(artifacts.count)
        keys.reserveCapacity(artifacts.count)
        titles.reserveCapacity(artifacts.count)
        nodeKinds.reserveCapacity(artifacts.count)
        nodeByID.reserveCapacity(artifacts.count)
        for artifact in artifacts {
            nodeByID[artifact.id] = TraceGraph.Node(ids.count)
            ids.append(artifact.id)
            keys.append(artifact.key)
            titles.append(artifact.title)
            nodeKinds.append(code(artifact.kind))
        }
        var linkKinds: [String] = []
        var linkCodes: [String: UInt8] = [:]
        var edges: [TraceGraph.Edge] = []
        edges.reserveCapacity(links.count)
        for link in links {
            guard let source = nodeByID[link.source], let target = nodeByID[link.target] else { continue }
            let kind: UInt8
            if let existing = linkCodes[link.kind] {
                kind = existing
            } else {
                precondition(linkKinds.count < 255, "more than 255 link kinds in one project")
                linkKinds.append(link.kind)
                kind = UInt8(linkKinds.count - 1)
                linkCodes[link.kind] = kind
            }
            edges.append(.init(source: source, target: target, kind: kind))
        }
        self.projectID = projectID
        self.revision = revision
        self.graph = TraceGraph(nodeCount: ids.count, edges: edges)
        self.ids = ids
        self.keys = keys
        self.titles = titles
        self.nodeKinds = nodeKinds
        self.artifactKinds = kinds
        self.linkKinds = linkKinds
        self.nodeByID = nodeByID
    }
}
