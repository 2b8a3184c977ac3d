import Foundation
import Testing
import TraceEngine

@Suite struct QualityCheckerTests {
    let checker = QualityChecker()

    func rules(_ statement: String) -> Set<String> { Set(checker.check(statement).map(\.ruleID)) }

    /// Every rule's documented bad example fires it, its good example does not (the docs cannot drift).
    @Test(arguments: QualityChecker.rules.filter { $0.id != "too-long" })
    func documentedExamples(rule: QualityRule) {
        #expect(rules(rule.badExample).contains(rule.id), "\(rule.id) should fire on: \(rule.badExample)")
        #expect(!rules(rule.goodExample).contains(rule.id), "\(rule.id) should not fire on: \(rule.goodExample)")
    }

    @Test(arguments: [
        // (rule, statement that fires, statement that does not)
        ("missing-shall", "The pump must start within 2 s.", "The pump shall start within 2 s."),
        ("missing-shall", "Start the pump.", "The pump shall start within 2 s."),
        ("multiple-shall", "The pump shall start and the alarm shall sound.", "The pump shall start within 2 s."),
        ("compound", "The system shall record the event and notify the operator.", "The system shall record input and output voltages."),
        ("compound", "The unit shall log faults as well as warnings.", "The unit shall log faults."),
        ("vague-term", "The interface shall be intuitive.", "The interface shall respond within 200 ms."),
        ("vague-term", "The HMI shall be user-friendly.", "The HMI shall follow the style guide SG-2."),
        ("escape-clause", "The system shall retry where applicable.", "The system shall retry 3 times."),
        ("escape-clause", "Backups shall be verified as far as possible.", "Backups shall be verified daily."),
        ("open-ended", "The log shall contain the time and/or the user.", "The log shall contain the time and the user."),
        ("open-ended", "The tool shall import formats such as CSV.", "The tool shall import CSV."),
        ("tbd", "The latency shall be below TBC ms.", "The latency shall be below 20 ms."),
        ("tbd", "The range shall be tbd km.", "The range shall be 40 km."),
        ("superlative", "The antenna shall have the most sensitive receiver.", "The antenna shall receive at least 3 satellites."),
        ("superlative", "The scheduler shall maximise throughput.", "The scheduler shall process at most 50 jobs per second."),
        ("negative", "The door shall never open in flight.", "The door shall stay locked in flight."),
        ("negative", "The operator cannot override the interlock.", "The interlock shall lock the override switch."),
        ("pronoun", "If the sensor fails, they shall be notified.", "If the sensor fails, the operator shall be notified."),
        ("pronoun", "The valve shall close when its pressure exceeds 5 bar.", "The valve shall close when the line pressure exceeds 5 bar."),
    ])
    func positiveAndNegative(rule: String, fires: String, quiet: String) {
        #expect(rules(fires).contains(rule), "\(rule) should fire on: \(fires)")
        #expect(!rules(quiet).contains(rule), "\(rule) should not fire on: \(quiet)")
    }

    @Test func overLongStatements() {
        let long = "The system shall " + Array(repeating: "record", count: QualityChecker.maximumWords).joined(separator: " ")
        #expect(rules(long).contains("too-long"))
        #expect(!rules("The system shall record the time.").contains("too-long"))
    }

    @Test func aCleanStatementHasNoFindings() {
        #expect(checker.check("The recorder shall store each radar track for 30 days.").isEmpty)
        #expect(checker.check("   ").isEmpty)
    }

    @Test func findingsCarryTheOffendingWordsAndSeverity() {
        let findings = checker.check("The system should encrypt backups if possible.")
        let missing = findings.first { $0.ruleID == "missing-shall" }
        #expect(missing?.match == "should")
        #expect(missing?.severity == .error)
        #expect(findings.first { $0.ruleID == "escape-clause" }?.match == "if possible")
    }

    @Test func disabledRulesAreSkipped() {
        let quiet = QualityChecker(disabled: ["vague-term", "missing-shall"])
        #expect(quiet.check("The display should be fast.").isEmpty)
    }

    @Test func ruleIDsAreUniqueAndDocumented() {
        let ids = QualityChecker.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(QualityChecker.rules.allSatisfy { !$0.explanation.isEmpty && !$0.title.isEmpty })
    }
}

@Suite struct QualityRulesDocTests {
    /// docs/requirements-quality.md lists every rule with its id, severity and both examples.
    @Test func theDocumentationListsEveryRule() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let doc = try String(contentsOf: root.appendingPathComponent("docs/requirements-quality.md"), encoding: .utf8)
        for rule in QualityChecker.rules {
            #expect(doc.contains("## `\(rule.id)` — \(rule.title) (\(rule.severity.rawValue))"), "\(rule.id) heading")
            if rule.id != "too-long" { #expect(doc.contains(rule.badExample), "\(rule.id) bad example") }
            #expect(doc.contains(rule.goodExample), "\(rule.id) good example")
        }
    }
}
