/// Escaping for XML text and attribute values, shared by the ReqIF writer and the reader's verbatim capture.
public enum XMLEscape {
    /// `quotes`: an attribute value, where `"` and line breaks and tabs must be character references to survive
    /// attribute-value normalisation.
    public static func escape(_ text: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\n" where quotes: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where quotes: result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
