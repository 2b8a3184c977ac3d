/// Escaping for XML text and attribute values, shared by the ReqIF writer and the reader's verbatim capture.
public enum XMLEscape {
    /// `quotes`: an attribute value, where `"` and line breaks and tabs must be character references to survive
    /// attribute-value normalisation.
    public static func escape(_ text: String, quotes: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        append(text.utf8, to: &bytes, quotes: quotes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The escaping over UTF-8 bytes, appended to `output` (the reader's verbatim capture works on bytes; every
    /// escaped character is ASCII, so multi-byte sequences pass through untouched).
    static func append(_ bytes: some Sequence<UInt8>, to output: inout [UInt8], quotes: Bool) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "\n") where quotes: output.append(contentsOf: "&#10;".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "&#13;".utf8)
            case UInt8(ascii: "\t") where quotes: output.append(contentsOf: "&#9;".utf8)
            default: output.append(byte)
            }
        }
    }
}
