import TraceEngine

/// An N² matrix as SVG for export and print: element names down the left, their keys on the diagonal, and in each
/// off-diagonal cell the number of interfaces flowing from the row's element to the column's (directed ones solid,
/// undirected ones grey). The page itself shows the same matrix as an accessible HTML table; this is the picture
/// people paste into reviews. Text is escaped; a cell can link to its interfaces.
public struct N2MatrixSVG: Sendable {
    public struct Element: Sendable, Equatable {
        public let key: String
        public let name: String

        public init(key: String, name: String) {
            self.key = key
            self.name = name
        }
    }

    public let title: String
    public let matrix: N2Matrix
    /// One per row of the matrix.
    public let elements: [Element]
    /// The page listing a cell's interfaces (row, column), or nil for no link.
    public let link: @Sendable (Int, Int) -> String?

    static let cell = 56.0
    static let nameWidth = 220.0
    static let margin = 12.0
    static let maxName = 30

    public init(title: String, matrix: N2Matrix, elements: [Element], link: @escaping @Sendable (Int, Int) -> String? = { _, _ in nil }) {
        precondition(elements.count == matrix.size, "one element per row")
        self.title = title
        self.matrix = matrix
        self.elements = elements
        self.link = link
    }

    public func render() -> String {
        let size = matrix.size
        let left = Self.margin + Self.nameWidth
        let top = Self.margin
        let width = Int((left + Double(size) * Self.cell + Self.margin).rounded(.up))
        let height = Int((top + Double(size) * Self.cell + Self.margin).rounded(.up))
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-label="\(Self.escape(title))" font-family="sans-serif" font-size="12">
            <title>\(Self.escape(title))</title>

            """
        for row in 0..<size {
            let y = top + Double(row) * Self.cell
            let element = elements[row]
            let shown = element.name.count > Self.maxName ? String(element.name.prefix(Self.maxName - 1)) + "…" : element.name
            svg += "<text x=\"\(TreeDiagramSVG.n(left - 8))\" y=\"\(TreeDiagramSVG.n(y + Self.cell / 2 + 4))\" text-anchor=\"end\" fill=\"#0f172a\">"
                + "<title>\(Self.escape(element.key + " " + element.name))</title>\(Self.escape(shown))</text>\n"
            for column in 0..<size {
                let x = left + Double(column) * Self.cell
                let entries = matrix.cell(row, column)
                let rect = "<rect x=\"\(TreeDiagramSVG.n(x))\" y=\"\(TreeDiagramSVG.n(y))\" width=\"\(TreeDiagramSVG.n(Self.cell))\" "
                    + "height=\"\(TreeDiagramSVG.n(Self.cell))\" "
                let centre = "x=\"\(TreeDiagramSVG.n(x + Self.cell / 2))\" y=\"\(TreeDiagramSVG.n(y + Self.cell / 2 + 4))\" text-anchor=\"middle\""
                if row == column {
                    let key = element.key.count > 7 ? String(element.key.prefix(6)) + "…" : element.key
                    svg += rect + "fill=\"#1e3a8a\" stroke=\"#ffffff\"/><text \(centre) fill=\"#ffffff\" font-weight=\"bold\">"
                        + "<title>\(Self.escape(element.key + " " + element.name))</title>\(Self.escape(key))</text>"
                    if !entries.isEmpty {
                        svg += "<text x=\"\(TreeDiagramSVG.n(x + Self.cell - 4))\" y=\"\(TreeDiagramSVG.n(y + 12))\" text-anchor=\"end\" "
                            + "fill=\"#bfdbfe\" font-size=\"10\"><title>\(entries.count) internal</title>\(entries.count)</text>"
                    }
                    svg += "\n"
                    continue
                }
                guard !entries.isEmpty else {
                    svg += rect + "fill=\"#ffffff\" stroke=\"#cbd5e1\"/>\n"
                    continue
                }
                let directed = entries.contains(where: \.directed)
                let label = N2MatrixTable.describe(entries, from: elements[row].key, to: elements[column].key, diagonal: false) ?? ""
                let cellLink = link(row, column)
                if let cellLink { svg += "<a href=\"\(Self.escape(cellLink))\">" }
                svg += "<g><title>\(Self.escape(label))</title>" + rect
                    + "fill=\"\(directed ? "#dbeafe" : "#f1f5f9")\" stroke=\"#94a3b8\"/>"
                    + "<text \(centre) fill=\"\(directed ? "#1e3a8a" : "#475569")\">\(entries.count)</text></g>"
                if cellLink != nil { svg += "</a>" }
                svg += "\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func escape(_ text: String) -> String { HTMLEscape.attribute(text) }
}
