/// Boxes for a decomposition tree (an architecture's nodes, a system's elements), computed from the model so a
/// generated view never drifts from the data. Layers are tree depths, top to bottom; each subtree owns a
/// horizontal span of its own, so boxes never overlap however many nodes there are; a parent is centred over its
/// children. Leaves under one parent wrap into rows of at most `leavesPerRow`, so a flat level of fifty
/// components stays readable instead of becoming one line several screens wide. Labels wrap at word boundaries
/// into at most `maxLines` lines; box sizes follow from them.
///
/// Pure geometry with an estimated glyph width (the SVG uses a fixed font size), so it is testable and the same
/// on every machine.
public struct TreeLayout: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public let parent: Int?
        public let label: String

        public init(parent: Int?, label: String) {
            self.parent = parent
            self.label = label
        }
    }

    public struct Box: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var lines: [String]

        public var centreX: Double { x + width / 2 }
        public var bottom: Double { y + height }

        func intersects(_ other: Box) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
    }

    public struct Style: Sendable, Equatable {
        public var glyphWidth = 7.0
        public var lineHeight = 16.0
        public var padding = 10.0
        public var minWidth = 96.0
        public var maxLineCharacters = 24
        public var maxLines = 3
        public var horizontalGap = 24.0
        public var verticalGap = 48.0
        public var leavesPerRow = 6
        public var margin = 16.0

        public init() {}
    }

    public private(set) var boxes: [Box]
    public private(set) var width: Double
    public private(set) var height: Double

    /// A parent that is not a node (out of range, or part of a cycle) makes the node a root.
    public init(nodes: [Node], style: Style = Style()) {
        let parents = Self.acyclicParents(nodes)
        var children = [[Int]](repeating: [], count: nodes.count)
        var roots: [Int] = []
        for index in nodes.indices {
            if let parent = parents[index] { children[parent].append(index) } else { roots.append(index) }
        }
        boxes = nodes.map { node in
            let lines = Self.wrap(node.label, width: style.maxLineCharacters, maxLines: style.maxLines)
            let longest = lines.map(\.count).max() ?? 0
            return Box(x: 0, y: 0, width: max(style.minWidth, Double(longest) * style.glyphWidth + 2 * style.padding),
                       height: Double(max(lines.count, 1)) * style.lineHeight + style.padding, lines: lines)
        }
        width = 0
        height = 0
        // The tallest box of each depth sets that layer's height, so layers line up across subtrees.
        var layerHeight: [Double] = []
        var depth = [Int](repeating: 0, count: nodes.count)
        var order = roots
        var cursor = 0
        while cursor < order.count {
            let node = order[cursor]
            cursor += 1
            if layerHeight.count <= depth[node] { layerHeight.append(0) }
            layerHeight[depth[node]] = max(layerHeight[depth[node]], boxes[node].height)
            for child in children[node] {
                depth[child] = depth[node] + 1
                order.append(child)
            }
        }
        var spans = [Double](repeating: 0, count: nodes.count)
        // Breadth-first order reversed visits children before parents.
        for node in order.reversed() { spans[node] = span(node, children, spans, style) }
        var x = style.margin
        for root in roots {
            place(root, left: x, top: style.margin, children, spans, layerHeight, depth, style)
            x += spans[root] + style.horizontalGap
        }
        width = (boxes.map { $0.x + $0.width }.max() ?? 0) + style.margin
        height = (boxes.map(\.bottom).max() ?? 0) + style.margin
    }

    /// Whether any two boxes overlap (never, by construction; tests hold the layout to it).
    public var hasOverlaps: Bool {
        let sorted = boxes.indices.sorted { boxes[$0].x < boxes[$1].x }
        for (position, index) in sorted.enumerated() {
            for other in sorted[(position + 1)...] {
                if boxes[other].x >= boxes[index].x + boxes[index].width { break }
                if boxes[index].intersects(boxes[other]) { return true }
            }
        }
        return false
    }

    // MARK: spans

    private func leafRows(_ node: Int, _ children: [[Int]], _ style: Style) -> (leaves: [[Int]], inner: [Int]) {
        let leaves = children[node].filter { children[$0].isEmpty }
        let inner = children[node].filter { !children[$0].isEmpty }
        // A few leaves stay side by side with their siblings; many wrap into rows beneath the inner children.
        guard leaves.count > style.leavesPerRow else { return ([], children[node]) }
        return (stride(from: 0, to: leaves.count, by: style.leavesPerRow).map { Array(leaves[$0..<min($0 + style.leavesPerRow, leaves.count)]) }, inner)
    }

    private func rowWidth(_ row: [Int], _ spans: (Int) -> Double, _ style: Style) -> Double {
        row.map(spans).reduce(0, +) + Double(max(row.count - 1, 0)) * style.horizontalGap
    }

    private func span(_ node: Int, _ children: [[Int]], _ spans: [Double], _ style: Style) -> Double {
        let (leafRows, inner) = leafRows(node, children, style)
        let widest = ([inner] + leafRows).map { rowWidth($0, { spans[$0] }, style) }.max() ?? 0
        return max(boxes[node].width, widest)
    }

    // MARK: placement

    private mutating func place(_ node: Int, left: Double, top: Double, _ children: [[Int]], _ spans: [Double],
                                _ layerHeight: [Double], _ depth: [Int], _ style: Style) {
        boxes[node].x = left + (spans[node] - boxes[node].width) / 2
        boxes[node].y = top
        let (leafRows, inner) = leafRows(node, children, style)
        var rowTop = top + layerHeight[depth[node]] + style.verticalGap
        for row in [inner] + leafRows where !row.isEmpty {
            let used = rowWidth(row, { spans[$0] }, style)
            var x = left + (spans[node] - used) / 2
            var deepest = rowTop
            for child in row {
                place(child, left: x, top: rowTop, children, spans, layerHeight, depth, style)
                x += spans[child] + style.horizontalGap
                deepest = max(deepest, subtreeBottom(child, children))
            }
            rowTop = deepest + style.verticalGap
        }
    }

    private func subtreeBottom(_ node: Int, _ children: [[Int]]) -> Double {
        children[node].reduce(boxes[node].bottom) { max($0, subtreeBottom($1, children)) }
    }

    // MARK: helpers

    static func acyclicParents(_ nodes: [Node]) -> [Int?] {
        var parents = nodes.map { $0.parent.flatMap { $0 >= 0 && $0 < nodes.count ? $0 : nil } }
        for start in nodes.indices {
            var seen: Set<Int> = [start]
            var current = parents[start]
            while let node = current {
                if seen.contains(node) {
                    parents[start] = nil
                    break
                }
                seen.insert(node)
                current = parents[node]
            }
        }
        return parents
    }

    /// Word-wrapped lines of at most `width` characters (longer words are cut), at most `maxLines` of them; the
    /// last line ends in "…" when text was left out.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty { current = String(word) }
            else if current.count + 1 + word.count <= width { current += " " + word }
            else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = String(kept[maxLines - 1].prefix(width - 1)) + "…"
        return kept
    }
}
