import Interchange
import TraceEngine

/// A decomposition tree drawn from `TreeLayout` — architecture views and element structures are generated from the
/// model each time, so the picture cannot drift from the data. Parent–child lines join box edges; further
/// connections (interfaces between nodes) are drawn as dashed curves with an optional label, beneath the boxes so
/// they never hide a name. Text is escaped; each box carries its full label as a tooltip and may link to the
/// node's page.
public struct TreeDiagramSVG: Sendable {
    public struct Connection: Sendable, Equatable {
        public let from: Int
        public let to: Int
        public let label: String?

        public init(from: Int, to: Int, label: String? = nil) {
            self.from = from
            self.to = to
            self.label = label
        }
    }

    public let title: String
    public let nodes: [TreeLayout.Node]
    public let connections: [Connection]
    /// The page of each node, or nil for no link.
    public let links: [String?]
    public let layout: TreeLayout

    public init(title: String, nodes: [TreeLayout.Node], connections: [Connection] = [], links: [String?] = [],
                style: TreeLayout.Style = .init())
    {
        self.title = title
        self.nodes = nodes
        self.connections = connections
        self.links = links
        self.layout = TreeLayout(nodes: nodes, style: style)
    }

    public func render() -> String {
        let boxes = layout.boxes
        let width = Int(layout.width.rounded(.up))
        let height = Int(layout.height.rounded(.up))
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-label="\(Self.escape(title))" font-family="sans-serif" font-size="12">
            <title>\(Self.escape(title))</title>

            """
        // Tree lines: from the bottom centre of the parent to the top centre of the child, bent halfway.
        for (index, node) in nodes.enumerated() {
            guard let parent = node.parent, parent >= 0, parent < boxes.count, boxes[parent].bottom < boxes[index].y else { continue }
            let from = boxes[parent], to = boxes[index]
            let middle = (from.bottom + to.y) / 2
            svg += "<path d=\"M\(Self.n(from.centreX)) \(Self.n(from.bottom)) V\(Self.n(middle)) H\(Self.n(to.centreX)) V\(Self.n(to.y))\" "
                + "fill=\"none\" stroke=\"#6b7280\"/>\n"
        }
        for connection in connections where boxes.indices.contains(connection.from) && boxes.indices.contains(connection.to) {
            let from = boxes[connection.from], to = boxes[connection.to]
            let (x1, y1, x2, y2) = (from.centreX, from.y + from.height / 2, to.centreX, to.y + to.height / 2)
            let lift = max(24, abs(x2 - x1) / 4)
            svg += "<path class=\"connection\" d=\"M\(Self.n(x1)) \(Self.n(y1)) C\(Self.n(x1)) \(Self.n(y1 - lift)) \(Self.n(x2)) "
                + "\(Self.n(y2 - lift)) \(Self.n(x2)) \(Self.n(y2))\" fill=\"none\" stroke=\"#2563eb\" stroke-dasharray=\"4 3\">"
            if let label = connection.label { svg += "<title>\(Self.escape(label))</title>" }
            svg += "</path>\n"
        }
        for (index, box) in boxes.enumerated() {
            let link = index < links.count ? links[index] : nil
            if let link { svg += "<a href=\"\(Self.escape(link))\">" }
            svg += "<g><title>\(Self.escape(nodes[index].label))</title>"
            svg += "<rect x=\"\(Self.n(box.x))\" y=\"\(Self.n(box.y))\" width=\"\(Self.n(box.width))\" height=\"\(Self.n(box.height))\" "
                + "rx=\"4\" fill=\"#f8fafc\" stroke=\"#334155\"/>"
            let lineHeight = (box.height - 10) / Double(max(box.lines.count, 1))
            for (number, line) in box.lines.enumerated() {
                let y = box.y + 5 + lineHeight * (Double(number) + 0.5) + 4
                svg += "<text x=\"\(Self.n(box.centreX))\" y=\"\(Self.n(y))\" text-anchor=\"middle\" fill=\"#0f172a\">\(Self.escape(line))</text>"
            }
            svg += "</g>"
            if link != nil { svg += "</a>" }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }

    /// Coordinates with at most one decimal, so output is stable and small.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String { HTMLEscape.attribute(text) }
}

extension TreeDiagramSVG {
    /// The same diagram as a draw.io file: the same boxes and lines, shapes named by `ids` (element keys).
    public func drawIO(ids: [String]) throws -> String {
        precondition(ids.count == nodes.count, "one id per node")
        let shapes = layout.boxes.enumerated().map { index, box in
            DrawIOWriter.Shape(id: ids[index], lines: box.lines, x: box.x, y: box.y, width: box.width, height: box.height,
                               link: index < links.count ? links[index] : nil)
        }
        var edges: [DrawIOWriter.Edge] = []
        for (index, node) in nodes.enumerated() {
            if let parent = node.parent, ids.indices.contains(parent), layout.boxes[parent].bottom < layout.boxes[index].y {
                edges.append(.init(source: ids[parent], target: ids[index], dashed: false))
            }
        }
        for connection in connections where ids.indices.contains(connection.from) && ids.indices.contains(connection.to) {
            edges.append(.init(source: ids[connection.from], target: ids[connection.to], label: connection.label, dashed: true))
        }
        return try DrawIOWriter().write(name: title, shapes: shapes, edges: edges, width: layout.width, height: layout.height)
    }
}
