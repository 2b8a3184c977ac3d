import Plot

/// Horizontal bars of counts (elements by status, interfaces by type), drawn as inline SVG scaled to the largest
/// count, each bar with its label, its number and a tooltip; the numbers are also the chart's text, so a screen
/// reader or a print without graphics still has them.
public struct CountChart: Component {
    public let title: String
    public let counts: [(label: String, count: Int)]
    /// A CSS class per bar (`badge` colours by status), or nil for the default colour.
    public let barClass: (String) -> String?

    public init(title: String, counts: [(label: String, count: Int)], barClass: @escaping (String) -> String? = { _ in nil }) {
        self.title = title
        self.counts = counts
        self.barClass = barClass
    }

    public var body: Component {
        let labelWidth = 150, barWidth = 260, barHeight = 18, gap = 8
        let largest = max(counts.map(\.count).max() ?? 0, 1)
        let total = counts.reduce(0) { $0 + $1.count }
        var nodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "width", value: String(labelWidth + barWidth + 60)),
            .attribute(named: "height", value: String(max(counts.count, 1) * (barHeight + gap) + gap)),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-label", value: HTMLEscape.attribute("\(title): " + counts.map { "\($0.label) \($0.count)" }.joined(separator: ", "))),
            .attribute(named: "class", value: "count-chart"),
            .element(named: "title", nodes: [.text(title)]),
        ]
        for (index, entry) in counts.enumerated() {
            let y = gap + index * (barHeight + gap)
            let width = entry.count == 0 ? 0 : max(2, Int((Double(barWidth) * Double(entry.count) / Double(largest)).rounded()))
            nodes.append(.element(named: "text", nodes: [
                .attribute(named: "x", value: "0"), .attribute(named: "y", value: String(y + 13)), .text(entry.label),
            ]))
            nodes.append(.element(named: "rect", nodes: [
                .attribute(named: "x", value: String(labelWidth)), .attribute(named: "y", value: String(y)),
                .attribute(named: "width", value: String(width)), .attribute(named: "height", value: String(barHeight)),
                .attribute(named: "class", value: HTMLEscape.attribute("bar " + (barClass(entry.label) ?? "bar-filled"))),
                .element(named: "title", nodes: [.text("\(entry.label): \(entry.count) of \(total)")]),
            ]))
            nodes.append(.element(named: "text", nodes: [
                .attribute(named: "x", value: String(labelWidth + width + 6)), .attribute(named: "y", value: String(y + 13)),
                .text(String(entry.count)),
            ]))
        }
        return Node<HTML.BodyContext>.element(named: "svg", nodes: nodes)
    }
}
