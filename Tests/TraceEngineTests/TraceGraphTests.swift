import Testing
import TraceEngine

@Suite struct TraceGraphTests {
    static let derives: TraceGraph.LinkKind = 1
    static let verifies: TraceGraph.LinkKind = 2

    /// 0 ← 1 ← 2 (derives), 3 verifies 2, 2 → 4 → 2 cycle over kind 3.
    func sampleGraph() -> TraceGraph {
        TraceGraph(nodeCount: 5, edges: [
            .init(source: 1, target: 0, kind: Self.derives),
            .init(source: 2, target: 1, kind: Self.derives),
            .init(source: 3, target: 2, kind: Self.verifies),
            .init(source: 2, target: 4, kind: 3),
            .init(source: 4, target: 2, kind: 3),
        ])
    }

    @Test func countsAndNeighbours() {
        let graph = sampleGraph()
        #expect(graph.nodeCount == 5)
        #expect(graph.edgeCount == 5)
        #expect(graph.neighbours(of: 2, direction: .downstream).map(\.node).sorted() == [1, 4])
        #expect(graph.neighbours(of: 2, direction: .upstream).map(\.node).sorted() == [3, 4])
    }

    @Test func impactUpstreamFromTheRootFindsEveryDescendantWithDepth() {
        let impact = sampleGraph().impactSet(from: 0, direction: .upstream, kinds: [Self.derives, Self.verifies])
        #expect(impact.members.map(\.node) == [1, 2, 3])
        #expect(impact.members.map(\.depth) == [1, 2, 3])
        #expect(impact.path(to: 3) == [0, 1, 2, 3])
        #expect(impact.path(to: 4) == nil)
    }

    @Test func kindFilterAndDepthLimit() {
        let graph = sampleGraph()
        #expect(graph.impactSet(from: 0, direction: .upstream, kinds: [Self.derives]).nodes == [1, 2])
        #expect(graph.impactSet(from: 0, direction: .upstream, maxDepth: 1).nodes == [1])
        #expect(graph.impactSet(from: 0, direction: .upstream, maxDepth: 0).members.isEmpty)
    }

    @Test func cyclesAreVisitedOnce() {
        let impact = sampleGraph().impactSet(from: 2, direction: .both)
        #expect(impact.nodes == [0, 1, 3, 4])
        #expect(Set(impact.members.map(\.node)).count == impact.members.count)
    }

    @Test func emptyAndIsolatedNodes() {
        let graph = TraceGraph(nodeCount: 3, edges: [])
        #expect(graph.impactSet(from: 1, direction: .both).members.isEmpty)
        #expect(graph.impactSet(from: 1, direction: .both).path(to: 1) == [1])
    }
}
