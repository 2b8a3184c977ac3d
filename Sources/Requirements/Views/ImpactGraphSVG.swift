import Foundation
import Platform
import TraceEngine

/// The impact set as an SVG: one column per depth, the start on the left, each member linked to the node it
/// was reached from. Built from the model every time, so it cannot drift from the data. Text is XML-escaped.
struct ImpactGraphSVG {
    let impact: TraceQueries.Impact
    /// More members than this are listed, not drawn: an unreadable picture helps nobody.
    static let maximumNodes = 400

    static let boxWidth = 150
    static let boxHeight = 34
    static let columnGap = 60
    static let rowGap = 12

    func render() -> String {
        let graph = impact.graph
        let members = Array(impact.set.members.prefix(Self.maximumNodes))
        var columns: [[TraceGraph.Node]] = [[impact.set.start]]
        for member in members {
            while columns.count <= member.depth { columns.append([]) }
            columns[member.depth].append(member.node)
        }
        var position: [TraceGraph.Node: (x: Int, y: Int)] = [:]
        for (depth, column) in columns.enumerated() {
            for (row, node) in column.enumerated() {
                position[node] = (20 + depth * (Self.boxWidth + Self.columnGap), 20 + row * (Self.boxHeight + Self.rowGap))
            }
        }
        let width = 40 + columns.count * (Self.boxWidth + Self.columnGap)
        let height = 40 + (columns.map(\.count).max() ?? 1) * (Self.boxHeight + Self.rowGap)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-label="Impact of \(Self.escape(graph.keys[Int(impact.set.start)]))" font-family="sans-serif" font-size="12">
            <title>Impact of \(Self.escape(graph.keys[Int(impact.set.start)]))</title>

            """
        for member in members {
            guard let from = position[member.via], let to = position[member.node] else { continue }
            svg += "<line x1=\"\(from.x + Self.boxWidth)\" y1=\"\(from.y + Self.boxHeight / 2)\" x2=\"\(to.x)\" y2=\"\(to.y + Self.boxHeight / 2)\" stroke=\"#889\" stroke-width=\"1.2\"/>\n"
            let labelX = (from.x + Self.boxWidth + to.x) / 2
            let labelY = (from.y + to.y + Self.boxHeight) / 2 - 3
            svg += "<text x=\"\(labelX)\" y=\"\(labelY)\" font-size=\"9\" fill=\"#556\" text-anchor=\"middle\">\(Self.escape(graph.linkKinds[Int(member.kind)]))</text>\n"
        }
        for (node, point) in position.sorted(by: { $0.key < $1.key }) {
            let isStart = node == impact.set.start
            svg += "<g><rect x=\"\(point.x)\" y=\"\(point.y)\" width=\"\(Self.boxWidth)\" height=\"\(Self.boxHeight)\" rx=\"4\" fill=\"\(isStart ? "#dbe8ff" : "#fff")\" stroke=\"#335\"/>"
            svg += "<text x=\"\(point.x + 6)\" y=\"\(point.y + 14)\" font-weight=\"bold\">\(Self.escape(graph.keys[Int(node)]))</text>"
            svg += "<text x=\"\(point.x + 6)\" y=\"\(point.y + 28)\" font-size=\"10\">\(Self.escape(Self.shorten(graph.titles[Int(node)], 24)))</text></g>\n"
        }
        return svg + "</svg>\n"
    }

    static func shorten(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// SVG text and attribute values need the same escaping as HTML attributes.
    static func escape(_ text: String) -> String { HTMLEscape.attribute(text) }
}
