import Platform
import Plot

/// The Markdown subset statements may use, rendered to Plot nodes (never to raw HTML, so nothing a user types
/// can become markup): paragraphs, `-`/`*` and `1.` lists, `**bold**`, `*italic*`, `` `code` ``.
struct MarkdownText: Component {
    let source: String

    init(_ source: String) { self.source = source }

    var body: Component { Self.node(source) }

    /// The rendered subset as a plain node, so pages with thousands of statements skip a component per block.
    static func node(_ source: String) -> Node<HTML.BodyContext> {
        var blocks: [Node<HTML.BodyContext>] = [.attribute(named: "class", value: "markdown")]
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flushParagraph() {
            if !paragraph.isEmpty {
                blocks.append(.element(named: "p", nodes: [inline(paragraph.joined(separator: " "))]))
            }
            paragraph = []
        }
        func flushList() {
            if let current = list {
                let items: [Node<HTML.BodyContext>] = current.items.map { .element(named: "li", nodes: [inline($0)]) }
                blocks.append(.element(named: current.ordered ? "ol" : "ul", nodes: items))
            }
            list = nil
        }
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = trimmed(rawLine)
            if line.isEmpty {
                flushParagraph(); flushList()
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flushParagraph()
                if list?.ordered == true { flushList() }
                list = (false, (list?.items ?? []) + [String(line.dropFirst(2))])
            } else if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
                line[line.index(after: dot)...].hasPrefix(" ")
            {
                flushParagraph()
                if list?.ordered == false { flushList() }
                list = (true, (list?.items ?? []) + [String(line[line.index(dot, offsetBy: 2)...])])
            } else {
                flushList()
                paragraph.append(line)
            }
        }
        flushParagraph(); flushList()
        return .element(named: "div", nodes: blocks)
    }

    private static func trimmed(_ line: Substring) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = line.firstIndex(where: { !isBlank($0) }), let last = line.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(line[first...last])
    }

    /// Inline marks; an unclosed mark stays literal text.
    static func inline(_ text: String) -> Node<HTML.BodyContext> {
        // Most statements carry no marks at all.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "`") }) { return HTMLEscape.textNode(text) }
        var nodes: [Node<HTML.BodyContext>] = []
        var buffer = ""
        var rest = Substring(text)
        func flush() {
            if !buffer.isEmpty { nodes.append(HTMLEscape.textNode(buffer)) }
            buffer = ""
        }
        while let character = rest.first {
            let marks: [(String, String)] = [("**", "strong"), ("`", "code"), ("*", "em")]
            var matched = false
            for (mark, element) in marks where rest.hasPrefix(mark) {
                let after = rest.dropFirst(mark.count)
                if let end = after.range(of: mark), !after[..<end.lowerBound].isEmpty {
                    flush()
                    nodes.append(.element(named: element, nodes: [HTMLEscape.textNode(String(after[..<end.lowerBound]))]))
                    rest = after[end.upperBound...]
                    matched = true
                }
                break
            }
            if !matched {
                buffer.append(character)
                rest = rest.dropFirst()
            }
        }
        flush()
        return Node<HTML.BodyContext>.group(nodes)
    }
}
