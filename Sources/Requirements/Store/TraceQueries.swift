import Artifacts
import Fluent
import Foundation
import TraceEngine

/// Impact sets and coverage over the project's cached trace graph.
public enum TraceQueries {
    public struct Impact: Sendable {
        public let graph: ProjectGraph
        public let set: ImpactSet
    }

    /// The artifacts reachable from `artifactID` over `linkKinds` (all when empty) in `direction`.
    public static func impact(graph: ProjectGraph, from artifactID: UUID, direction: TraceGraph.Direction,
                              linkKinds: [String], maxDepth: Int?) -> Impact?
    {
        guard let start = graph.node(artifactID) else { return nil }
        let codes: Set<TraceGraph.LinkKind>? = linkKinds.isEmpty ? nil : Set(linkKinds.compactMap(graph.linkKindCode))
        if let codes, codes.isEmpty { return Impact(graph: graph, set: ImpactSet(start: start, members: [])) }
        return Impact(graph: graph, set: graph.graph.impactSet(from: start, direction: direction, kinds: codes, maxDepth: maxDepth))
    }

    /// A named coverage question about a module's requirements.
    public struct CoverageQuestion: Sendable, Hashable {
        public let id: String
        public let title: String
        public let linkKind: String
        public let direction: TraceGraph.Direction
        public let targetKind: String?
        /// Shown as a gap ("no parent", "no verification") when uncovered.
        public let gap: String
    }

    public static let questions: [CoverageQuestion] = [
        .init(id: "parent", title: "Derived from a parent", linkKind: "derives-from", direction: .downstream,
              targetKind: "requirement", gap: "no parent requirement"),
        .init(id: "children", title: "Derived into children", linkKind: "derives-from", direction: .upstream,
              targetKind: "requirement", gap: "no child requirement"),
        .init(id: "verified", title: "Has a verification link", linkKind: "verifies", direction: .upstream,
              targetKind: nil, gap: "no verification link"),
        .init(id: "allocated", title: "Allocated to an element", linkKind: "allocated-to", direction: .downstream,
              targetKind: nil, gap: "no allocation"),
    ]

    public struct CoverageRow: Sendable {
        public let question: CoverageQuestion
        public let total: Int
        public let covered: Int
        public let uncoveredIDs: [UUID]
        public var share: Double { total == 0 ? 1 : Double(covered) / Double(total) }
    }

    /// Coverage of `requirementIDs` (a module's requirements) for every question.
    public static func coverage(graph: ProjectGraph, requirementIDs: [UUID]) -> [CoverageRow] {
        let nodes = requirementIDs.compactMap(graph.node)
        return questions.map { question in
            guard let link = graph.linkKindCode(question.linkKind) else {
                // Nobody used this link kind yet: nothing is covered.
                return CoverageRow(question: question, total: nodes.count, covered: 0, uncoveredIDs: requirementIDs)
            }
            let target: UInt8?? = question.targetKind.map { graph.artifactKindCode($0) }
            if case .some(.none) = target {
                return CoverageRow(question: question, total: nodes.count, covered: 0, uncoveredIDs: requirementIDs)
            }
            let result = graph.graph.coverage(
                of: nodes, by: CoverageDefinition(linkKind: link, direction: question.direction, targetKind: target ?? nil),
                nodeKinds: graph.nodeKinds)
            return CoverageRow(question: question, total: result.total, covered: result.covered.count,
                               uncoveredIDs: result.uncovered.map { graph.ids[Int($0)] })
        }
    }
}
