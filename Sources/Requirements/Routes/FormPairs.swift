import Foundation
import Vapor

/// The fields of an URL-encoded form in order, repeated names kept — for forms whose field names are not
/// known in advance (custom attributes, check-box lists).
struct FormPairs {
    let pairs: [(name: String, value: String)]

    init(_ request: Request) {
        let body = request.body.string ?? ""
        pairs = body.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Names starting with `prefix`, with the prefix removed.
    func names(prefixed prefix: String) -> [String] {
        pairs.filter { $0.name.hasPrefix(prefix) }.map { String($0.name.dropFirst(prefix.count)) }
    }
}
