import Plot
import TraceEngine

/// An N² matrix as an accessible HTML table — the page's view; `N2MatrixSVG` is the picture for export. Column
/// and row headers are the elements (keys, with the full name for assistive technology and as a tooltip), the
/// diagonal names the element and its internal interfaces, and every non-empty cell is a link that says in words
/// what it counts ("2 interfaces from PWR to NAV"). Built from Plot nodes, not components: a 300 × 300 matrix has
/// 90,000 cells, and Plot's per-component reflection would dominate the page.
public struct N2MatrixTable: Sendable {
    public typealias BodyNode = Node<HTML.BodyContext>

    public let caption: String
    public let matrix: N2Matrix
    public let elements: [N2MatrixSVG.Element]
    public let link: @Sendable (Int, Int) -> String?

    public init(caption: String, matrix: N2Matrix, elements: [N2MatrixSVG.Element],
                link: @escaping @Sendable (Int, Int) -> String? = { _, _ in nil })
    {
        precondition(elements.count == matrix.size, "one element per row")
        self.caption = caption
        self.matrix = matrix
        self.elements = elements
        self.link = link
    }

    public func node() -> BodyNode {
        let size = matrix.size
        var head: [BodyNode] = [.element(named: "td", nodes: [])]
        for element in elements {
            head.append(.element(named: "th", nodes: [
                .attribute(named: "scope", value: "col"),
                .element(named: "abbr", nodes: [.attribute(named: "title", value: HTMLEscape.attribute(element.name)),
                                                HTMLEscape.textNode(element.key)]),
            ]))
        }
        // The body is written as text: at 300 × 300 it is 90,000 cells, and Plot's per-node rendering of them
        // took most of the page's time. Everything user-written goes through HTMLEscape, as Plot would escape it.
        var body = ""
        body.reserveCapacity(size * size * 10 + size * 80)
        for row in 0..<size {
            body += "<tr><th scope=\"row\">" + HTMLEscape.content(elements[row].key + " ") + "<span class=\"n2-name\">"
                + HTMLEscape.content(elements[row].name) + "</span></th>"
            for column in 0..<size { cell(row, column, into: &body) }
            body += "</tr>"
        }
        let table: BodyNode = .element(named: "table", nodes: [
            .attribute(named: "class", value: "n2"),
            .element(named: "caption", nodes: [HTMLEscape.textNode(caption)]),
            .element(named: "thead", nodes: [.element(named: "tr", nodes: head)]),
            .element(named: "tbody", nodes: [.raw(body)]),
        ])
        // A wide matrix scrolls inside its region, which keyboard users can focus and scroll.
        return .element(named: "div", nodes: [
            .attribute(named: "class", value: "n2-scroll"), .attribute(named: "role", value: "region"),
            .attribute(named: "aria-label", value: HTMLEscape.attribute(caption)), .attribute(named: "tabindex", value: "0"),
            table,
        ])
    }

    /// What a cell counts, in words.
    public func description(_ row: Int, _ column: Int) -> String? {
        Self.describe(matrix.cell(row, column), from: elements[row].key, to: elements[column].key, diagonal: row == column)
    }

    static func describe(_ entries: [N2Matrix.Entry], from: String, to: String, diagonal: Bool) -> String? {
        guard !entries.isEmpty else { return nil }
        let noun = entries.count == 1 ? "interface" : "interfaces"
        if diagonal { return "\(entries.count) \(noun) inside \(from)" }
        let undirected = entries.count { !$0.directed }
        if undirected == entries.count { return "\(entries.count) \(noun) between \(from) and \(to), without direction" }
        return "\(entries.count) \(noun) from \(from) to \(to)" + (undirected > 0 ? " (\(undirected) without direction)" : "")
    }

    private func cell(_ row: Int, _ column: Int, into html: inout String) {
        let entries = matrix.cell(row, column)
        if row == column {
            html += "<td class=\"n2-diagonal\">" + HTMLEscape.content(elements[row].key)
            if let text = description(row, column) {
                html += "<span class=\"n2-internal\">" + HTMLEscape.content(" (\(text))") + "</span>"
            }
            html += "</td>"
            return
        }
        guard let text = description(row, column) else {
            html += "<td></td>"
            return
        }
        let style = entries.contains(where: \.directed) ? "n2-cell n2-directed" : "n2-cell n2-undirected"
        let label = HTMLEscape.attribute(text)
        html += "<td class=\"" + style + "\">"
        if let href = link(row, column) {
            html += "<a href=\"" + HTMLEscape.attribute(href) + "\" aria-label=\"" + label + "\" title=\"" + label + "\">"
                + String(entries.count) + "</a>"
        } else {
            html += "<span title=\"" + label + "\">" + String(entries.count) + "</span>"
        }
        html += "</td>"
    }
}
