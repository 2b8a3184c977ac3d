/// An immutable, compact trace graph: nodes are dense integers, edges are stored twice in CSR form
/// (outgoing and incoming adjacency arrays), each edge carrying a small link-kind code.
///
/// Compact arrays instead of dictionaries of sets keep 100k nodes / 500k links in a few MB and make
/// traversals cache-friendly; the app maps artifact UUIDs to node indices outside this type.
public struct TraceGraph: Sendable {
    public typealias Node = Int32
    public typealias LinkKind = UInt8

    public struct Edge: Sendable, Hashable {
        public var source: Node
        public var target: Node
        public var kind: LinkKind
        public init(source: Node, target: Node, kind: LinkKind) {
            self.source = source
            self.target = target
            self.kind = kind
        }
    }

    public let nodeCount: Int
    private let outOffsets: [Int32]
    private let outTargets: [Node]
    private let outKinds: [LinkKind]
    private let inOffsets: [Int32]
    private let inSources: [Node]
    private let inKinds: [LinkKind]

    public var edgeCount: Int { outTargets.count }

    /// Builds the graph in O(nodes + edges). Edges whose ends are outside `0..<nodeCount` are a programming error.
    public init(nodeCount: Int, edges: [Edge]) {
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max), "node count out of range")
        for edge in edges {
            precondition(edge.source >= 0 && Int(edge.source) < nodeCount && edge.target >= 0
                && Int(edge.target) < nodeCount, "edge end out of range")
        }
        self.nodeCount = nodeCount
        (outOffsets, outTargets, outKinds) = Self.compress(nodeCount, edges, outgoing: true)
        (inOffsets, inSources, inKinds) = Self.compress(nodeCount, edges, outgoing: false)
    }

    /// Counting sort of the edges by one end: offsets[n]..<offsets[n+1] are node n's slots.
    private static func compress(_ nodeCount: Int, _ edges: [Edge], outgoing: Bool) -> ([Int32], [Node], [LinkKind]) {
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        var neighbours = [Node](repeating: 0, count: edges.count)
        var kinds = [LinkKind](repeating: 0, count: edges.count)
        offsets.withUnsafeMutableBufferPointer { offsets in
            edges.withUnsafeBufferPointer { edges in
                for edge in edges { offsets[Int(outgoing ? edge.source : edge.target) + 1] += 1 }
                for index in 0..<nodeCount { offsets[index + 1] += offsets[index] }
                var cursor = Array(offsets)
                neighbours.withUnsafeMutableBufferPointer { neighbours in
                    kinds.withUnsafeMutableBufferPointer { kinds in
                        for edge in edges {
                            let node = Int(outgoing ? edge.source : edge.target)
                            let slot = Int(cursor[node])
                            neighbours[slot] = outgoing ? edge.target : edge.source
                            kinds[slot] = edge.kind
                            cursor[node] += 1
                        }
                    }
                }
            }
        }
        return (offsets, neighbours, kinds)
    }

    /// The nodes one hop from `node` in `direction`, with the kind of the link that leads there.
    public func neighbours(of node: Node, direction: Direction) -> [(node: Node, kind: LinkKind)] {
        var result: [(Node, LinkKind)] = []
        forEachNeighbour(of: node, direction: direction) { result.append(($0, $1)) }
        return result
    }

    @inline(__always)
    func forEachNeighbour(of node: Node, direction: Direction, _ body: (Node, LinkKind) -> Void) {
        let index = Int(node)
        if direction.contains(.downstream) {
            for slot in Int(outOffsets[index])..<Int(outOffsets[index + 1]) { body(outTargets[slot], outKinds[slot]) }
        }
        if direction.contains(.upstream) {
            for slot in Int(inOffsets[index])..<Int(inOffsets[index + 1]) { body(inSources[slot], inKinds[slot]) }
        }
    }
}

extension TraceGraph {
    /// Which way links are followed: along their direction (source → target), against it, or both.
    public struct Direction: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let downstream = Direction(rawValue: 1)
        public static let upstream = Direction(rawValue: 2)
        public static let both: Direction = [.downstream, .upstream]
    }
}
