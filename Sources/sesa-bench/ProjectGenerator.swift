import Foundation
import TraceEngine

/// A deterministic project-shaped graph: requirements in a 5-level derivation tree (each below the top derives
/// from one or two parents a level up), plus verification and cross links until `links` edges exist.
struct ProjectGenerator {
    static let derives: TraceGraph.LinkKind = 1
    static let verifies: TraceGraph.LinkKind = 2
    static let relates: TraceGraph.LinkKind = 3

    let nodes: Int
    let links: Int
    var random: SplitMix64

    /// Level sizes grow by `fanOut` (system → subsystem → … → component), as real specifications do;
    /// returns the first node of each level plus `nodes` at the end.
    func levelStarts(levels: Int = 5, fanOut: Double = 6) -> [Int] {
        let weights = (0..<levels).map { pow(fanOut, Double($0)) }
        let total = weights.reduce(0, +)
        var starts = [0]
        for weight in weights.dropLast() { starts.append(min(nodes, starts.last! + max(1, Int(Double(nodes) * weight / total)))) }
        starts.append(nodes)
        return starts
    }

    mutating func edges() -> [TraceGraph.Edge] {
        let starts = levelStarts()
        var edges: [TraceGraph.Edge] = []
        edges.reserveCapacity(links)
        // Each requirement below the top derives from one parent a level up, a quarter of them from two.
        for level in 1..<(starts.count - 1) {
            let parents = starts[level - 1]..<starts[level]
            for node in starts[level]..<starts[level + 1] where edges.count < links {
                for _ in 0..<(random.next(below: 4) == 0 ? 2 : 1) {
                    let parent = parents.lowerBound + random.next(below: parents.count)
                    edges.append(.init(source: Int32(node), target: Int32(parent), kind: Self.derives))
                }
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
