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

    /// A coverage definition with a name: of the artifacts of `sourceKind`, which have a `linkKind` link in
    /// `direction` to an artifact of `targetKind` (any kind when nil). Projects edit their list in the
    /// requirement settings (`CoverageDefinitions`).
    public struct CoverageQuestion: Sendable, Hashable {
        public let id: String
        public let title: String
        public let sourceKind: String
        public let linkKind: String
        public let direction: TraceGraph.Direction
        public let targetKind: String?
        /// Shown as a gap list ("no parent requirement") when uncovered; empty shows no gap list.
        public let gap: String

        public init(id: String, title: String, sourceKind: String, linkKind: String, direction: TraceGraph.Direction,
                    targetKind: String?, gap: String)
        {
            self.id = id
            self.title = title
            self.sourceKind = sourceKind
            self.linkKind = linkKind
            self.direction = direction
            self.targetKind = targetKind
            self.gap = gap
        }

        /// "Has a parent": only a gap in modules that expect parents.
        public var asksForParent: Bool { linkKind == "derives-from" && direction == .downstream }
    }

    public static let defaultQuestions: [CoverageQuestion] = [
        .init(id: "parent", title: "Derived from a parent", sourceKind: "requirement", linkKind: "derives-from",
              direction: .downstream, targetKind: "requirement", gap: "no parent requirement"),
        .init(id: "children", title: "Derived into children", sourceKind: "requirement", linkKind: "derives-from",
              direction: .upstream, targetKind: "requirement", gap: ""),
        .init(id: "verified", title: "Has a verification link", sourceKind: "requirement", linkKind: "verifies",
              direction: .upstream, targetKind: nil, gap: "no verification link"),
        .init(id: "allocated", title: "Allocated to an element", sourceKind: "requirement", linkKind: "allocated-to",
              direction: .downstream, targetKind: nil, gap: "no allocation"),
    ]

    public struct CoverageRow: Sendable {
        public let question: CoverageQuestion
        public let total: Int
        public let covered: Int
        public let uncoveredIDs: [UUID]
        public var share: Double { total == 0 ? 1 : Double(covered) / Double(total) }
    }

    /// Coverage of the given artifacts (a module's requirements) for each question whose source kind they have.
    public static func coverage(graph: ProjectGraph, sourceIDs: [UUID], questions: [CoverageQuestion]) -> [CoverageRow] {
        let nodes = sourceIDs.compactMap(graph.node)
        return questions.map { coverage(graph: graph, nodes: nodes, question: $0) }
    }

    /// Coverage over every artifact of each question's source kind in the project; no database work beyond
    /// the cached graph.
    public static func projectCoverage(graph: ProjectGraph, questions: [CoverageQuestion]) -> [CoverageRow] {
        var nodesByKind: [UInt8: [TraceGraph.Node]] = [:]
        let wanted = Set(questions.compactMap { graph.artifactKindCode($0.sourceKind) })
        for (index, code) in graph.nodeKinds.enumerated() where wanted.contains(code) {
            nodesByKind[code, default: []].append(TraceGraph.Node(index))
        }
        return questions.map { question in
            let nodes = graph.artifactKindCode(question.sourceKind).flatMap { nodesByKind[$0] } ?? []
            return coverage(graph: graph, nodes: nodes, question: question)
        }
    }

    static func coverage(graph: ProjectGraph, nodes: [TraceGraph.Node], question: CoverageQuestion) -> CoverageRow {
        let sourceCode = graph.artifactKindCode(question.sourceKind)
        let sources = sourceCode.map { code in nodes.filter { graph.nodeKinds[Int($0)] == code } } ?? []
        let uncoveredAll = CoverageRow(question: question, total: sources.count, covered: 0,
                                       uncoveredIDs: sources.map { graph.ids[Int($0)] })
        // A link kind nobody used yet, or a target kind with no artifacts: nothing is covered.
        guard let link = graph.linkKindCode(question.linkKind) else { return uncoveredAll }
        var target: UInt8?
        if let kind = question.targetKind {
            guard let code = graph.artifactKindCode(kind) else { return uncoveredAll }
            target = code
        }
        let result = graph.graph.coverage(of: sources, by: CoverageDefinition(linkKind: link, direction: question.direction, targetKind: target),
                                          nodeKinds: graph.nodeKinds)
        return CoverageRow(question: question, total: result.total, covered: result.covered.count,
                           uncoveredIDs: result.uncovered.map { graph.ids[Int($0)] })
    }
}
