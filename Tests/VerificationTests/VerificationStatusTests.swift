import Foundation
import Interchange
import Testing
@testable import Verification

/// The pure rules: an RVTM cell from a latest result, a requirement's coverage from its cells, and CI matching.
@Suite struct VerificationStatusTests {
    @Test func aPassIsStaleOnceTheCaseOrTheRequirementChangedAfterIt() {
        #expect(VerificationStatus.cell(outcome: .pass, resultRevision: 10, caseChanged: 3, requirementChanged: 10) == .verified)
        #expect(VerificationStatus.cell(outcome: .pass, resultRevision: 10, caseChanged: 3, requirementChanged: 11) == .stale)
        #expect(VerificationStatus.cell(outcome: .pass, resultRevision: 10, caseChanged: 12, requirementChanged: 1) == .stale)
        #expect(VerificationStatus.cell(outcome: .fail, resultRevision: 10, caseChanged: 12, requirementChanged: 1) == .failed)
        #expect(VerificationStatus.cell(outcome: .blocked, resultRevision: 10, caseChanged: 1, requirementChanged: 1) == .blocked)
        #expect(VerificationStatus.cell(outcome: .notRun, resultRevision: 10, caseChanged: 1, requirementChanged: 1) == .notRun)
        #expect(VerificationStatus.cell(outcome: nil, resultRevision: 0, caseChanged: 1, requirementChanged: 1) == .notRun)
    }

    @Test func aRequirementTakesItsWorstCell() {
        #expect(VerificationStatus.coverage([]) == .unverified)
        #expect(VerificationStatus.coverage([.verified, .verified]) == .verified)
        #expect(VerificationStatus.coverage([.verified, .notRun]) == .unverified)
        #expect(VerificationStatus.coverage([.verified, .stale, .notRun]) == .stale)
        #expect(VerificationStatus.coverage([.stale, .blocked]) == .blocked)
        #expect(VerificationStatus.coverage([.blocked, .failed, .verified]) == .failed)
        #expect(VerificationStatus.worst(.pass, .fail) == .fail && VerificationStatus.worst(.blocked, .notRun) == .blocked)
    }

    @Test func namePatternsGlob() {
        #expect(JUnitMatcher.glob("radar.*", matches: "radar.Tracker.keepsTrack"))
        #expect(JUnitMatcher.glob("*Track?", matches: "radar.keepsTracks"))
        #expect(!JUnitMatcher.glob("*Track?", matches: "radar.keepsTrack"))
        #expect(JUnitMatcher.glob("a*b*c", matches: "aXXbYYc") && !JUnitMatcher.glob("a*b*c", matches: "aXXbYY"))
        #expect(JUnitMatcher.glob("*", matches: "") && !JUnitMatcher.glob("x", matches: ""))
    }

    @Test func testsMatchByCasePropertyThenRequirementThenPattern() {
        let tc1 = UUID(), tc2 = UUID()
        let matcher = JUnitMatcher(cases: ["TC-001": tc1, "TC-002": tc2], requirements: ["REQ-1", "REQ-2"],
                                   patterns: [("radar.*", tc2)])
        func test(_ name: String, _ properties: [(String, String)] = []) -> JUnitTestCase {
            JUnitTestCase(name: name, classname: "radar", suite: "s", duration: nil, outcome: .passed, message: "",
                          properties: properties.map { .init(name: $0.0, value: $0.1) }, line: 1)
        }
        #expect(matcher.match(test("a", [("sesa.case", "TC-001"), ("requirement", "REQ-1")])) == .testCase(tc1))
        #expect(matcher.match(test("a", [("requirement", "REQ-2, REQ-1 REQ-2")])) == .requirements(["REQ-2", "REQ-1"]))
        #expect(matcher.match(test("a", [("sesa.requirement", "REQ-1")])) == .requirements(["REQ-1"]))
        #expect(matcher.match(test("a")) == .testCase(tc2), "radar.a matches the saved pattern")
        guard case .unmatched(let reason) = matcher.match(test("a", [("sesa.case", "TC-404")])) else { Issue.record("matched"); return }
        #expect(reason.contains("TC-404"))
        guard case .unmatched(let why) = matcher.match(test("a", [("requirement", "REQ-9")])) else { Issue.record("matched"); return }
        #expect(why.contains("REQ-9 , which") == false && why.contains("REQ-9"))
        let none = JUnitMatcher(cases: [:], requirements: [], patterns: [])
        guard case .unmatched(let nothing) = none.match(test("b")) else { Issue.record("matched"); return }
        #expect(nothing == "no sesa.case or requirement property, and no saved name pattern matches radar.b")
    }
}
