import Foundation

/// Percent-encoding of one path segment for the typed routes of every module.
public enum PathSegment {
    /// Project keys and module prefixes: anything but ASCII letters and digits is encoded.
    public static func encode(_ part: String) -> String {
        // Keys and prefixes are nearly always plain ASCII; Foundation's encoder is slow at thousands of links a page.
        if part.utf8.allSatisfy(isASCIIAlphanumeric) { return part }
        return part.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Artifact keys, which may hold `-`, `_` and `.` as well.
    public static func encodeKey(_ key: String) -> String {
        if key.utf8.allSatisfy({ isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) {
            return key
        }
        return key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/?#"))) ?? ""
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
