import Artifacts
import Foundation
import Platform
import TraceEngine

/// The text form of a project's coverage definitions, one per line, edited on the settings page:
///
///     id | title | source kind | link kind | direction | target kind or * | gap label
///
/// e.g. `verified | Has a verification link | requirement | verifies | upstream | * | no verification link`.
/// Direction says which way the link runs from the source artifact: `downstream` when the source is the link's
/// source (a child requirement derives-from its parent), `upstream` when it is the link's target (a test case
/// verifies the requirement), `both` for either.
public enum CoverageDefinitions {
    static let directions: [(String, TraceGraph.Direction)] = [("downstream", .downstream), ("upstream", .upstream), ("both", .both)]

    public static func format(_ questions: [TraceQueries.CoverageQuestion]) -> String {
        questions.map(line).joined(separator: "\n")
    }

    static func line(_ question: TraceQueries.CoverageQuestion) -> String {
        [question.id, question.title, question.sourceKind, question.linkKind, directionName(question.direction), question.targetKind ?? "*",
         question.gap]
            .joined(separator: " | ")
    }

    /// Every problem at once, each naming its line, field and the accepted values.
    public static func parse(_ text: String, registry: ArtifactRegistry) throws -> [TraceQueries.CoverageQuestion] {
        try validate(entries(text), registry: registry)
    }

    /// The text form's non-empty lines split into fields, labelled "line N" for errors.
    public static func entries(_ text: String) -> [(label: String, parts: [String])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { return nil }
            return ("line \(number + 1)", line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// The API's structured form: `label` names the entry in errors ("definitions[2]").
    public static func validate(_ entries: [(label: String, parts: [String])], registry: ArtifactRegistry) throws
        -> [TraceQueries.CoverageQuestion]
    {
        var questions: [TraceQueries.CoverageQuestion] = []
        var reasons: [String] = []
        var ids: Set<String> = []
        let kinds = registry.kinds.map(\.id)
        let linkKinds = registry.linkKinds.map(\.id)
        for (label, parts) in entries {
            guard parts.count == 7 else {
                reasons.append("\(label): expected 7 fields separated by | (id | title | source kind | link kind | direction | "
                               + "target kind or * | gap), found \(parts.count)")
                continue
            }
            var problems: [String] = []
            let id = parts[0]
            if id.isEmpty || id.count > 40 || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
                problems.append("the id \"\(id)\" must be 1–40 lower-case letters, digits or -")
            } else if !ids.insert(id).inserted {
                problems.append("the id \(id) is used twice")
            }
            if parts[1].isEmpty || parts[1].count > 100 || parts[1].contains("|") {
                problems.append("the title must be 1–100 characters, without |")
            }
            if !kinds.contains(parts[2]) { problems.append("unknown source kind \"\(parts[2])\" (known: \(kinds.joined(separator: ", ")))") }
            if !linkKinds.contains(parts[3]) { problems.append("unknown link kind \"\(parts[3])\" (known: \(linkKinds.joined(separator: ", ")))") }
            let direction = directions.first { $0.0 == parts[4] }?.1
            if direction == nil { problems.append("the direction \"\(parts[4])\" must be downstream, upstream or both") }
            let target: String? = parts[5] == "*" || parts[5].isEmpty ? nil : parts[5]
            if let target, !kinds.contains(target) {
                problems.append("unknown target kind \"\(target)\" (known: \(kinds.joined(separator: ", ")), or * for any)")
            }
            if parts[6].count > 100 || parts[6].contains("|") { problems.append("the gap label must be at most 100 characters, without |") }
            if let direction, problems.isEmpty {
                questions.append(.init(id: id, title: parts[1], sourceKind: parts[2], linkKind: parts[3], direction: direction,
                                       targetKind: target, gap: parts[6]))
            } else {
                reasons.append(contentsOf: problems.map { "\(label): \($0)" })
            }
        }
        if reasons.isEmpty && questions.isEmpty { reasons.append("keep at least one coverage definition") }
        if reasons.count > 20 { reasons = Array(reasons.prefix(20)) + ["… and \(reasons.count - 20) more problems"] }
        guard reasons.isEmpty else { throw RequirementInvalid(errors: reasons.map { .init(field: "coverage", reason: $0) }) }
        return questions
    }

    public static func directionName(_ direction: TraceGraph.Direction) -> String {
        directions.first { $0.1 == direction }?.0 ?? "both"
    }

    /// Saved text, skipping lines that no longer parse.
    static func parseLenient(_ text: String) -> [TraceQueries.CoverageQuestion] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 7, let direction = directions.first(where: { $0.0 == parts[4] })?.1 else { return nil }
            return .init(id: parts[0], title: parts[1], sourceKind: parts[2], linkKind: parts[3], direction: direction,
                         targetKind: parts[5] == "*" ? nil : parts[5], gap: parts[6])
        }
    }
}
