/// The artifacts reachable from a start node over chosen link kinds, each with its depth and the node it was
/// reached from, so a path back to the start can be shown.
public struct ImpactSet: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let node: TraceGraph.Node
        public let depth: Int
        public let via: TraceGraph.Node
        public let kind: TraceGraph.LinkKind
    }

    public let start: TraceGraph.Node
    /// Breadth-first order: members at depth 1 first. The start node is not a member.
    public let members: [Member]

    public init(start: TraceGraph.Node, members: [Member]) {
        self.start = start
        self.members = members
    }

    public var nodes: Set<TraceGraph.Node> { Set(members.map(\.node)) }

    /// The path from the start node to `node` (both included), or nil when `node` is not reached.
    public func path(to node: TraceGraph.Node) -> [TraceGraph.Node]? {
        if node == start { return [start] }
        let byNode = Dictionary(uniqueKeysWithValues: members.map { ($0.node, $0) })
        var path = [node]
        var current = node
        while current != start {
            guard let member = byNode[current] else { return nil }
            current = member.via
            path.append(current)
        }
        return path.reversed()
    }
}

extension TraceGraph {
    /// Breadth-first traversal from `start`. Cycles are safe: every node is visited once.
    /// - Parameters:
    ///   - kinds: the link kinds to follow; nil follows every kind.
    ///   - maxDepth: stop expanding beyond this many hops; nil is unlimited.
    public func impactSet(
        from start: Node, direction: Direction, kinds: Set<LinkKind>? = nil, maxDepth: Int? = nil
    ) -> ImpactSet {
        precondition(Int(start) >= 0 && Int(start) < nodeCount, "start node out of range")
        var allowed = [Bool](repeating: kinds == nil, count: 256)
        for kind in kinds ?? [] { allowed[Int(kind)] = true }
        var visited = [Bool](repeating: false, count: nodeCount)
        visited[Int(start)] = true
        var members: [ImpactSet.Member] = []
        var frontier: [Node] = [start]
        var depth = 0
        while !frontier.isEmpty, maxDepth.map({ depth < $0 }) ?? true {
            depth += 1
            var next: [Node] = []
            for node in frontier {
                forEachNeighbour(of: node, direction: direction) { neighbour, kind in
                    guard allowed[Int(kind)], !visited[Int(neighbour)] else { return }
                    visited[Int(neighbour)] = true
                    members.append(.init(node: neighbour, depth: depth, via: node, kind: kind))
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return ImpactSet(start: start, members: members)
    }
}
