import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Counts a JUnit or NUnit 3 report's outcomes with Foundation's own XML parser, independently of SESA's reader: a
/// JUnit `testcase` with a `failure` child failed, with `error` errored, with `skipped` was skipped, else passed; an
/// NUnit `test-case` says it in `result` (`label="Error"` for errors). Keys: passed, failed, error, skipped.
public enum JUnitCounts {
    public static func count(_ data: Data) -> [String: Int] {
        let parser = XMLParser(data: data)
        let counter = Counter()
        parser.delegate = counter
        guard parser.parse() else { return ["unreadable": 1] }
        return counter.counts
    }

    final class Counter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var inCase = false
        var current = "passed"

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "testcase": inCase = true; current = "passed"
            case "failure" where inCase && current != "error": current = "failed"
            case "error" where inCase: current = "error"
            case "skipped" where inCase && current == "passed": current = "skipped"
            case "test-case":
                let result = attributes["result"] ?? ""
                let outcome = result == "Passed" ? "passed" : result == "Failed" ? (attributes["label"] == "Error" ? "error" : "failed") : "skipped"
                counts[outcome, default: 0] += 1
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "testcase" { counts[current, default: 0] += 1; inCase = false }
        }
    }
}
