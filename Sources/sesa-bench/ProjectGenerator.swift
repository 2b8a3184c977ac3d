import TraceEngine

/// A deterministic project-shaped graph: requirements in a 5-level derivation tree (each below level 0 derives
/// from one or two parents a level up), plus verification and cross links until `links` edges exist.
struct ProjectGenerator {
    static let derives: TraceGraph.LinkKind = 1
    static let verifies: TraceGraph.LinkKind = 2
    static let relates: TraceGraph.LinkKind = 3

    let nodes: Int
    let links: Int
    var random: SplitMix64

    mutating func edges() -> [TraceGraph.Edge] {
        let levels = 5
        let perLevel = max(1, nodes / levels)
        func level(of node: Int) -> Int { min(levels - 1, node / perLevel) }
        var edges: [TraceGraph.Edge] = []
        edges.reserveCapacity(links)
        for node in perLevel..<nodes where edges.count < links {
            let parentLevelStart = (level(of: node) - 1) * perLevel
            let parents = random.next(below: 4) == 0 ? 2 : 1
            for _ in 0..<parents {
                let parent = parentLevelStart + random.next(below: perLevel)
                edges.append(.init(source: Int32(node), target: Int32(parent), kind: Self.derives))
            }
        }
        while edges.count < links {
            let source = random.next(below: nodes)
            let target = random.next(below: nodes)
            guard source != target else { continue }
            let kind = random.next(below: 3) == 0 ? Self.relates : Self.verifies
            edges.append(.init(source: Int32(source), target: Int32(target), kind: kind))
        }
        return edges
    }
}

/// A small, fast, seedable generator so every run builds the same project.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
