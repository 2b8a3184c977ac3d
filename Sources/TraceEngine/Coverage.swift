/// Coverage over the trace graph: of a set of source nodes, which have at least one link of a given kind, in a
/// given direction, to a node of a given kind. "Requirements of module SYS verified by a test case" is
/// (requirements of SYS, `verifies`, upstream, test case).
public struct CoverageDefinition: Sendable, Hashable {
    public let linkKind: TraceGraph.LinkKind
    public let direction: TraceGraph.Direction
    /// The node-kind code the far end must have; nil accepts any kind.
    public let targetKind: UInt8?

    public init(linkKind: TraceGraph.LinkKind, direction: TraceGraph.Direction, targetKind: UInt8?) {
        self.linkKind = linkKind
        self.direction = direction
        self.targetKind = targetKind
    }
}

public struct CoverageResult: Sendable, Equatable {
    public let total: Int
    public let covered: [TraceGraph.Node]
    public let uncovered: [TraceGraph.Node]

    /// 0…1; an empty source set counts as fully covered (nothing is missing).
    public var share: Double { total == 0 ? 1 : Double(covered.count) / Double(total) }
}

extension TraceGraph {
    /// `nodeKinds[n]` is node n's kind code (the caller maps artifact kinds to codes).
    public func coverage(of sources: [Node], by definition: CoverageDefinition, nodeKinds: [UInt8]) -> CoverageResult {
        precondition(nodeKinds.count == nodeCount, "one kind code per node")
        var covered: [Node] = []
        var uncovered: [Node] = []
        covered.reserveCapacity(sources.count)
        for source in sources {
            var hit = false
            forEachNeighbour(of: source, direction: definition.direction) { neighbour, kind in
                guard !hit, kind == definition.linkKind else { return }
                if let target = definition.targetKind, nodeKinds[Int(neighbour)] != target { return }
                hit = true
            }
            if hit { covered.append(source) } else { uncovered.append(source) }
        }
        return CoverageResult(total: sources.count, covered: covered, uncovered: uncovered)
    }
}
