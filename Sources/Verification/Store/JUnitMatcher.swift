import Foundation
import Interchange

/// Decides which case a CI test reports on, in the documented order: a `sesa.case` property naming a case; a
/// `requirement` or `sesa.requirement` property naming requirements (an automated case is created or reused for
/// them); a saved name pattern. Anything else is unmatched, with the reason — never dropped.
public struct JUnitMatcher: Sendable {
    public enum Match: Sendable, Equatable {
        case testCase(UUID)
        /// Requirements the automated case for this test verifies (by key, in order given).
        case requirements([String])
        case unmatched(String)
    }

    /// Live, unretired cases by key; requirement keys of the project; saved patterns in order.
    let cases: [String: UUID]
    let requirements: Set<String>
    let patterns: [(pattern: String, caseID: UUID)]

    public init(cases: [String: UUID], requirements: Set<String>, patterns: [(pattern: String, caseID: UUID)]) {
        self.cases = cases
        self.requirements = requirements
        self.patterns = patterns
    }

    public func match(_ test: JUnitTestCase) -> Match {
        if let key = test.property("sesa.case") {
            guard let id = cases[key] else { return .unmatched("sesa.case names \(key), which is not a current test case of this project") }
            return .testCase(id)
        }
        if let value = test.property("sesa.requirement", "requirement") {
            let keys = Self.keys(value)
            let unknown = keys.filter { !requirements.contains($0) }
            guard unknown.isEmpty, !keys.isEmpty else {
                return .unmatched("the requirement property names \(unknown.isEmpty ? "nothing" : unknown.joined(separator: ", ")), "
                                  + "which \(unknown.count == 1 ? "is not a requirement" : "are not requirements") of this project")
            }
            return .requirements(keys)
        }
        let name = test.fullName
        for entry in patterns where Self.glob(entry.pattern, matches: name) || Self.glob(entry.pattern, matches: test.name) {
            return .testCase(entry.caseID)
        }
        return .unmatched("no sesa.case or requirement property, and no saved name pattern matches \(name)")
    }

    /// Keys separated by commas, semicolons or white space, each once.
    static func keys(_ value: String) -> [String] {
        var keys: [String] = []
        for key in value.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init) where !keys.contains(key) {
            keys.append(key)
        }
        return keys
    }

    /// `*` any run of characters, `?` exactly one; everything else literal, case-sensitive.
    public static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
