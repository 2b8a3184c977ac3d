import Testing
@testable import TraceEngine

/// The generated architecture view's geometry: no overlaps at 50 nodes, parents above and centred over their
/// children, readable wrapped labels, many leaves wrapped into rows, cycles survived.
@Suite struct TreeLayoutTests {
    /// A seeded tree of `count` nodes with labels of varying length.
    static func tree(_ count: Int, seed: UInt64) -> [TreeLayout.Node] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { index in
            let words = ["Flight", "control", "computer", "power", "distribution", "unit", "sensor", "bus", "GNSS"]
            let label = "E\(index) " + (0..<next(5)).map { _ in words[next(words.count)] }.joined(separator: " ")
            return TreeLayout.Node(parent: index == 0 ? nil : next(index), label: label)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64]) func fiftyNodesNeverOverlapAndParentsSitAbove(seed: UInt64) {
        let nodes = Self.tree(50, seed: seed)
        let layout = TreeLayout(nodes: nodes)
        #expect(layout.boxes.count == 50)
        #expect(!layout.hasOverlaps)
        for (index, node) in nodes.enumerated() {
            let box = layout.boxes[index]
            #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.bottom <= layout.height)
            if let parent = node.parent { #expect(layout.boxes[parent].bottom < box.y, "node \(index) below its parent") }
        }
    }

    @Test func aParentIsCentredOverAFewChildren() {
        let layout = TreeLayout(nodes: [.init(parent: nil, label: "System"), .init(parent: 0, label: "A"), .init(parent: 0, label: "B"),
                                        .init(parent: 0, label: "C")])
        let children = layout.boxes[1...3]
        #expect(Set(children.map(\.y)).count == 1)
        let middle = (children.first!.x + children.last!.x + children.last!.width) / 2
        #expect(abs(layout.boxes[0].centreX - middle) < 0.001)
    }

    @Test func manyLeavesWrapIntoRows() {
        var nodes = [TreeLayout.Node(parent: nil, label: "Bus")]
        nodes += (1...20).map { TreeLayout.Node(parent: 0, label: "Unit \($0)") }
        let layout = TreeLayout(nodes: nodes)
        #expect(Set(layout.boxes[1...].map(\.y)).count == 4)  // 6 + 6 + 6 + 2
        let sixAbreast: Double = 6 * 96 + 5 * 24 + 2 * 16
        #expect(layout.width <= sixAbreast)
        #expect(!layout.hasOverlaps)
    }

    @Test func labelsWrapAtWordsAndLongOnesAreCut() {
        #expect(TreeLayout.wrap("Flight control computer power supply", width: 12, maxLines: 3)
                == ["Flight", "control", "computer…"])
        #expect(TreeLayout.wrap("Flight control", width: 24, maxLines: 3) == ["Flight control"])
        #expect(TreeLayout.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", width: 10, maxLines: 3) == ["ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ"])
        let box = TreeLayout(nodes: [.init(parent: nil, label: "Flight control computer power supply")]).boxes[0]
        #expect(box.lines == ["Flight control computer", "power supply"])
        #expect(box.width >= Double("Flight control computer".count) * 7)
    }

    @Test func aParentCycleMakesRootsInsteadOfLooping() {
        let layout = TreeLayout(nodes: [.init(parent: 1, label: "A"), .init(parent: 0, label: "B"), .init(parent: 7, label: "C")])
        #expect(layout.boxes.count == 3)
        #expect(!layout.hasOverlaps)
    }
}
