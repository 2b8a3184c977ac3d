import Testing
import TraceEngine

@Suite struct CoverageTests {
    /// Kinds: 0 requirement, 1 test case. Links: 2 verifies 0 (kind 5), 3 derives-from 0 (kind 1),
    /// requirement 4 "verifies" requirement 1 (a wrong-kind end).
    @Test func coverageCountsOnlyMatchingKindDirectionAndEnd() {
        let graph = TraceGraph(nodeCount: 5, edges: [
            .init(source: 2, target: 0, kind: 5),
            .init(source: 3, target: 0, kind: 1),
            .init(source: 4, target: 1, kind: 5),
        ])
        let kinds: [UInt8] = [0, 0, 1, 0, 0]
        let verified = graph.coverage(of: [0, 1], by: .init(linkKind: 5, direction: .upstream, targetKind: 1), nodeKinds: kinds)
        #expect(verified.covered == [0])
        #expect(verified.uncovered == [1])
        #expect(verified.share == 0.5)
        let anyEnd = graph.coverage(of: [0, 1], by: .init(linkKind: 5, direction: .upstream, targetKind: nil), nodeKinds: kinds)
        #expect(anyEnd.covered == [0, 1])
        let wrongDirection = graph.coverage(of: [0, 1], by: .init(linkKind: 5, direction: .downstream, targetKind: 1), nodeKinds: kinds)
        #expect(wrongDirection.covered.isEmpty)
        #expect(graph.coverage(of: [], by: .init(linkKind: 5, direction: .both, targetKind: nil), nodeKinds: kinds).share == 1)
    }
}

@Suite struct FieldDiffTests {
    @Test func onlyChangedFieldsWithWordSegments() {
        let diff = FieldDiff(
            before: ["statement": "The pump shall start within 2 s.", "priority": "high", "owner": "Ana"],
            after: ["statement": "The pump shall start within 5 s.", "priority": "high", "tags": "pumps"])
        #expect(diff.changes.map(\.field) == ["owner", "statement", "tags"])
        let statement = diff.changes.first { $0.field == "statement" }!
        #expect(statement.segments == [.same("The pump shall start within "), .removed("2 "), .added("5 "), .same("s.")])
        #expect(diff.changes.first { $0.field == "owner" }!.segments == [.removed("Ana")])
        #expect(diff.changes.first { $0.field == "tags" }!.segments == [.added("pumps")])
    }

    @Test func segmentsRebuildBothTexts() {
        let before = "one two three four five"
        let after = "zero one three four six five"
        let segments = FieldDiff(before: ["s": before], after: ["s": after]).changes[0].segments
        let old = segments.map { if case .same(let t) = $0 { t } else if case .removed(let t) = $0 { t } else { "" } }.joined()
        let new = segments.map { if case .same(let t) = $0 { t } else if case .added(let t) = $0 { t } else { "" } }.joined()
        #expect(old == before)
        #expect(new == after)
    }

    @Test func identicalSnapshotsHaveNoChanges() {
        #expect(FieldDiff(before: ["a": "x"], after: ["a": "x"]).changes.isEmpty)
    }
}
