/// The N² matrix of a system at one level of its element tree: the elements on the diagonal, and in the cell at
/// row i, column j the interfaces through which something flows from element i to element j. An interface between
/// two deeper elements is shown between their ancestors at the chosen level; one whose ends share that ancestor is
/// internal to it (kept on the diagonal), one with an end outside the shown elements is counted apart, so no
/// interface silently disappears from the view.
///
/// Pure and index-based (the caller maps element and interface records to indices), so the matrix for a
/// hand-built system can be checked cell by cell and a 300 × 300 view costs a few array writes per interface.
public struct N2Matrix: Sendable, Equatable {
    /// Which way an interface carries its flow between its ends A and B.
    public enum Direction: String, Sendable, CaseIterable {
        case aToB = "a-to-b"
        case bToA = "b-to-a"
        case bidirectional
        /// No flow direction (a mechanical mounting, say): shown in both cells, marked undirected.
        case undirected
    }

    public struct Interface: Sendable, Equatable {
        /// Element indices of the two ends (any element of the tree, not only shown ones).
        public let a: Int
        public let b: Int
        public let direction: Direction

        public init(a: Int, b: Int, direction: Direction) {
            self.a = a
            self.b = b
            self.direction = direction
        }
    }

    /// One interface in a cell: its index in the input, and whether the flow it shows is directed.
    public struct Entry: Sendable, Equatable, Hashable {
        public let interface: Int
        public let directed: Bool

        public init(interface: Int, directed: Bool) {
            self.interface = interface
            self.directed = directed
        }
    }

    /// The shown elements (element indices), in row order.
    public let rows: [Int]
    /// `cells[row * rows.count + column]`: what flows from `rows[row]` to `rows[column]`; the diagonal holds the
    /// interfaces internal to the element.
    public private(set) var cells: [[Entry]]
    /// Interfaces with an end under none of the shown elements.
    public private(set) var outside: [Int] = []

    public var size: Int { rows.count }

    public func cell(_ row: Int, _ column: Int) -> [Entry] { cells[row * rows.count + column] }

    /// - Parameters:
    ///   - parents: each element's parent index in the tree (nil at a root).
    ///   - rows: the elements to show, in order (typically those at one level).
    ///   - interfaces: every interface of the system.
    public init(parents: [Int?], rows: [Int], interfaces: [Interface]) {
        self.rows = rows
        self.cells = Array(repeating: [], count: rows.count * rows.count)
        let row = Self.rowOfEachElement(parents: parents, rows: rows)
        for (index, interface) in interfaces.enumerated() {
            guard interface.a >= 0, interface.a < row.count, interface.b >= 0, interface.b < row.count,
                  let a = row[interface.a], let b = row[interface.b] else {
                outside.append(index)
                continue
            }
            if a == b {
                cells[a * rows.count + a].append(Entry(interface: index, directed: interface.direction != .undirected))
                continue
            }
            switch interface.direction {
            case .aToB: cells[a * rows.count + b].append(Entry(interface: index, directed: true))
            case .bToA: cells[b * rows.count + a].append(Entry(interface: index, directed: true))
            case .bidirectional, .undirected:
                let directed = interface.direction == .bidirectional
                cells[a * rows.count + b].append(Entry(interface: index, directed: directed))
                cells[b * rows.count + a].append(Entry(interface: index, directed: directed))
            }
        }
    }

    /// For every element, the row of its nearest shown ancestor-or-self, or nil. A parent chain longer than the
    /// element count is a cycle (refused when elements are moved, but never trusted here) and ends the walk.
    static func rowOfEachElement(parents: [Int?], rows: [Int]) -> [Int?] {
        var row = [Int?](repeating: nil, count: parents.count)
        var resolved = [Bool](repeating: false, count: parents.count)
        for (index, element) in rows.enumerated() where element >= 0 && element < parents.count && !resolved[element] {
            row[element] = index
            resolved[element] = true
        }
        var path: [Int] = []
        for element in parents.indices where !resolved[element] {
            path.removeAll(keepingCapacity: true)
            var current: Int? = element
            var found: Int?
            while let node = current, path.count <= parents.count {
                if resolved[node] {
                    found = row[node]
                    break
                }
                path.append(node)
                current = parents[node].flatMap { $0 >= 0 && $0 < parents.count ? $0 : nil }
            }
            for node in path {
                row[node] = found
                resolved[node] = true
            }
        }
        return row
    }
}
