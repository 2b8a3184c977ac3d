import Testing
@testable import TraceEngine

/// Moving elements in the decomposition tree: a move under oneself or one's own descendant is refused.
@Suite struct ElementTreeTests {
    // A ─ B ─ C ─ D, and E alone.
    static let parents = ["B": "A", "C": "B", "D": "C"]

    @Test func aMoveUnderADescendantIsACycle() {
        #expect(ElementTree.moveProblem("B", under: "D", parents: Self.parents) == .cycle(through: "D"))
        #expect(ElementTree.moveProblem("A", under: "C", parents: Self.parents) == .cycle(through: "C"))
        #expect(ElementTree.moveProblem("C", under: "C", parents: Self.parents) == .ownParent)
    }

    @Test func sidewaysUpwardAndToTheTopAreAllowed() {
        #expect(ElementTree.moveProblem("D", under: "A", parents: Self.parents) == nil)
        #expect(ElementTree.moveProblem("B", under: "E", parents: Self.parents) == nil)
        #expect(ElementTree.moveProblem("C", under: nil, parents: Self.parents) == nil)
    }

    @Test func depthsFollowTheTreeAndSkipCycles() {
        let depths = ElementTree.depths(Self.parents.merging(["X": "Y", "Y": "X"]) { $1 }, elements: ["D", "A", "E", "X", "C"])
        #expect(depths == ["A": 0, "B": 1, "C": 2, "D": 3, "E": 0])
    }
}
