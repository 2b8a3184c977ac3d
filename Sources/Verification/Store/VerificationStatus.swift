import Foundation

/// How one case's latest result stands for one requirement (an RVTM cell), and how a requirement stands over all
/// its cases. Pure: the RVTM, snapshots, the dashboard and the gap lists all decide with these two functions.
public enum VerificationStatus {
    public enum Cell: String, Sendable, CaseIterable, Codable {
        case verified, stale, failed, blocked
        case notRun = "not-run"

        public var label: String { self == .notRun ? "not run" : rawValue }
    }

    public enum Coverage: String, Sendable, CaseIterable, Codable {
        case verified, stale, failed, blocked, unverified
    }

    /// A passing result is stale when the case or the requirement changed its trigger fields in a revision after the
    /// result's: the evidence is about something that no longer exists as it was.
    public static func cell(outcome: TestResult.Outcome?, resultRevision: Int64, caseChanged: Int64, requirementChanged: Int64) -> Cell {
        switch outcome {
        case nil, .notRun?: return .notRun
        case .fail?: return .failed
        case .blocked?: return .blocked
        case .pass?: return max(caseChanged, requirementChanged) > resultRevision ? .stale : .verified
        }
    }

    /// The worst of a requirement's cells: failed, blocked, stale, then unverified (a case not run, or no case at
    /// all); verified only when every case verifying it passed since the last change.
    public static func coverage(_ cells: [Cell]) -> Coverage {
        if cells.isEmpty { return .unverified }
        if cells.contains(.failed) { return .failed }
        if cells.contains(.blocked) { return .blocked }
        if cells.contains(.stale) { return .stale }
        if cells.contains(.notRun) { return .unverified }
        return .verified
    }

    /// Of several results of one case in the same revision (two CI tests reporting on one case), the worst counts.
    public static func worst(_ a: TestResult.Outcome, _ b: TestResult.Outcome) -> TestResult.Outcome {
        let rank: [TestResult.Outcome: Int] = [.pass: 0, .notRun: 1, .blocked: 2, .fail: 3]
        return rank[a]! >= rank[b]! ? a : b
    }
}
