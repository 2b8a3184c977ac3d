import Plot

/// Escaping that Plot does not do for us.
///
/// Plot escapes text nodes but writes attribute values verbatim (`name="value"`), so any value that is not a
/// literal of ours must pass through `attribute(_:)` before it reaches an attribute (href, value, title, data-*).
public enum HTMLEscape {
    public static func attribute(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E }) { return value }
        // By scalar, not Character: the escaped characters are all ASCII, and grapheme breaking is slow for the
        // thousands of links an N² matrix or a long document carries.
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text shown exactly as typed. Plot leaves entity-like runs such as `&lt;` alone (harmless, but the reader
    /// would see `<`); escaping `&` first makes the page show the characters the user wrote.
    public static func text(_ value: String) -> String {
        if !value.utf8.contains(0x26) { return value }
        return value.replacingOccurrences(of: "&", with: "&amp;")
    }

    /// Element content with `&`, `<` and `>` escaped, shown exactly as typed.
    public static func content(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A text node escaped here rather than by Plot: Plot's `.text` builds a new String per Character while
    /// escaping, which dominated pages with tens of thousands of text nodes (a 2,000-requirement document).
    /// The output is the same as `.text(HTMLEscape.text(value))`.
    public static func textNode<Context>(_ value: String) -> Node<Context> {
        .raw(content(value))
    }
}
