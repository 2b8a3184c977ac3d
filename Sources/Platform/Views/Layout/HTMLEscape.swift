/// Escaping that Plot does not do for us.
///
/// Plot escapes text nodes but writes attribute values verbatim (`name="value"`), so any value that is not a
/// literal of ours must pass through `attribute(_:)` before it reaches an attribute (href, value, title, data-*).
public enum HTMLEscape {
    public static func attribute(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Text shown exactly as typed. Plot leaves entity-like runs such as `&lt;` alone (harmless, but the reader
    /// would see `<`); escaping `&` first makes the page show the characters the user wrote.
    public static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;")
    }
}
