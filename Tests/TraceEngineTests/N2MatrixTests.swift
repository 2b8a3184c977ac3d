import Testing
@testable import TraceEngine

/// The N² matrix of a hand-built system, cell by cell, against the matrix worked out by hand.
@Suite struct N2MatrixTests {
    // 0 SYS ─┬ 1 PWR ─ 6 BAT          5 GND (external, a second root)
    //        ├ 2 NAV ─ 7 GPS
    //        ├ 3 COM ─ 8 RAD
    //        ├ 4 STR ─ 9 FRAME
    //        └ 10 OBC
    static let parents: [Int?] = [nil, 0, 0, 0, 0, nil, 1, 2, 3, 4, 0]
    static let rows = [1, 2, 3, 4, 10, 5]  // PWR NAV COM STR OBC GND
    static let interfaces: [N2Matrix.Interface] = [
        .init(a: 6, b: 7, direction: .aToB),            // 0: BAT → GPS: PWR → NAV
        .init(a: 1, b: 3, direction: .aToB),            // 1: PWR → COM
        .init(a: 2, b: 10, direction: .bidirectional),  // 2: NAV ↔ OBC
        .init(a: 8, b: 5, direction: .bToA),            // 3: GND → RAD: GND → COM
        .init(a: 9, b: 6, direction: .undirected),      // 4: FRAME — BAT: STR — PWR
        .init(a: 7, b: 2, direction: .aToB),            // 5: GPS → NAV: inside NAV
        .init(a: 0, b: 5, direction: .aToB),            // 6: SYS → GND: SYS is under no row
        .init(a: 10, b: 3, direction: .aToB),           // 7: OBC → COM
        .init(a: 10, b: 8, direction: .aToB),           // 8: OBC → RAD: OBC → COM
        .init(a: 4, b: 42, direction: .aToB),           // 9: an end that is no element
    ]

    @Test func cellsEqualTheHandComputedMatrix() {
        let matrix = N2Matrix(parents: Self.parents, rows: Self.rows, interfaces: Self.interfaces)
        func d(_ index: Int) -> N2Matrix.Entry { .init(interface: index, directed: true) }
        func u(_ index: Int) -> N2Matrix.Entry { .init(interface: index, directed: false) }
        // Rows and columns: PWR NAV COM STR OBC GND.
        let expected: [[[N2Matrix.Entry]]] = [
            [[], [d(0)], [d(1)], [u(4)], [], []],
            [[], [d(5)], [], [], [d(2)], []],
            [[], [], [], [], [], []],
            [[u(4)], [], [], [], [], []],
            [[], [d(2)], [d(7), d(8)], [], [], []],
            [[], [], [d(3)], [], [], []],
        ]
        #expect(matrix.size == 6)
        for row in 0..<6 {
            for column in 0..<6 {
                #expect(matrix.cell(row, column) == expected[row][column], "cell \(row), \(column)")
            }
        }
        #expect(matrix.outside == [6, 9])
        // Every interface is somewhere: in a cell (once, or twice when it flows both ways) or outside.
        let placed = Set(matrix.cells.flatMap { $0.map(\.interface) }).union(matrix.outside)
        #expect(placed == Set(Self.interfaces.indices))
    }

    @Test func aDeeperLevelShowsTheLeavesAndRollsNothingUp() {
        let matrix = N2Matrix(parents: Self.parents, rows: [6, 7], interfaces: Self.interfaces)
        #expect(matrix.cell(0, 1) == [.init(interface: 0, directed: true)])
        #expect(matrix.cell(1, 0).isEmpty)
        #expect(matrix.outside == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    @Test func aParentCycleEndsTheWalkInsteadOfLooping() {
        // 0 and 1 are each other's parent; 2 hangs below them; only 3 is shown.
        let rows = N2Matrix.rowOfEachElement(parents: [1, 0, 0, nil], rows: [3])
        #expect(rows == [nil, nil, nil, 0])
    }
}
