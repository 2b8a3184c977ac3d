/// The readable text of a ReqIF XHTML value: tags dropped, block elements (paragraphs, divs, list items,
/// table rows, headings, breaks) on their own lines, list items as "- ", entities decoded, runs of spaces
/// collapsed. What SESA shows and searches; the original XHTML is kept beside it for export.
public enum XHTMLText {
    static let blocks: Set<String> = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "blockquote"]

    public static func plain(_ xhtml: String) -> String {
        var lines: [String] = []
        var line = ""
        func endLine() {
            let collapsed = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            if !collapsed.isEmpty { lines.append(collapsed) }
            line = ""
        }
        var index = xhtml.startIndex
        while index < xhtml.endIndex {
            let character = xhtml[index]
            if character == "<" {
                guard let close = xhtml[index...].firstIndex(of: ">") else { break }
                var tag = xhtml[xhtml.index(after: index)..<close]
                let closing = tag.first == "/"
                if closing { tag = tag.dropFirst() }
                let name = tag.prefix { !$0.isWhitespace && $0 != "/" }
                let local = (name.split(separator: ":").last.map(String.init) ?? "").lowercased()
                if blocks.contains(local) {
                    endLine()
                    if local == "li" && !closing { line = "- " }
                }
                index = xhtml.index(after: close)
            } else if character == "&" {
                let end = xhtml[index...].prefix(12).firstIndex(of: ";")
                if let end, let decoded = entity(String(xhtml[xhtml.index(after: index)..<end])) {
                    line.append(decoded)
                    index = xhtml.index(after: end)
                } else {
                    line.append("&")
                    index = xhtml.index(after: index)
                }
            } else {
                line.append(character)
                index = xhtml.index(after: index)
            }
        }
        endLine()
        return lines.filter { $0 != "-" }.joined(separator: "\n")
    }

    static func entity(_ name: String) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            let scalar: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16) }
            else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()) }
            else { scalar = nil }
            return scalar.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
