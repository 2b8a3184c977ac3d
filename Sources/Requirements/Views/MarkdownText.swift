import Platform
import Plot

/// The Markdown subset statements may use, rendered to Plot nodes (never to raw HTML, so nothing a user types
/// can become markup): paragraphs, `-`/`*` and `1.` lists, `**bold**`, `*italic*`, `` `code` ``.
struct MarkdownText: Component {
    let source: String

    init(_ source: String) { self.source = source }

    var body: Component {
        var blocks: [Component] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flushParagraph() {
            // Evaluate now: Plot runs builder closures at render time, after `paragraph` is reset.
            if !paragraph.isEmpty {
                let content = Self.inline(paragraph.joined(separator: " "))
                blocks.append(Paragraph { content })
            }
            paragraph = []
        }
        func flushList() {
            if let current = list {
                let items = current.items.map { item in ListItem { Self.inline(item) } }
                let nodes: [Node<HTML.BodyContext>] = items.map { .component($0) }
                blocks.append(Node<HTML.BodyContext>.element(named: current.ordered ? "ol" : "ul", nodes: nodes))
            }
            list = nil
        }
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
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
        return Div { for block in blocks { block } }.class("markdown")
    }

    /// Inline marks; an unclosed mark stays literal text.
    static func inline(_ text: String) -> Component {
        var nodes: [Node<HTML.BodyContext>] = []
        var buffer = ""
        var rest = Substring(text)
        func flush() {
            if !buffer.isEmpty { nodes.append(.text(HTMLEscape.text(buffer))) }
            buffer = ""
        }
        while let character = rest.first {
            let marks: [(String, String)] = [("**", "strong"), ("`", "code"), ("*", "em")]
            var matched = false
            for (mark, element) in marks where rest.hasPrefix(mark) {
                let after = rest.dropFirst(mark.count)
                if let end = after.range(of: mark), !after[..<end.lowerBound].isEmpty {
                    flush()
                    nodes.append(.element(named: element, nodes: [.text(HTMLEscape.text(String(after[..<end.lowerBound])))]))
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
