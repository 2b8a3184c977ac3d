import Foundation
import Interchange

/// The tables behind the CSV and XLSX downloads: the RVTM, a run's results, a plan's coverage.
public enum VerificationReports {
    /// One row per requirement × case (a requirement without cases has one row with empty case columns).
    public static func rvtm(_ rvtm: RVTM) -> CSVTable {
        var rows: [[String]] = []
        for row in rvtm.rows {
            let base = [row.requirement.module, row.requirement.key, row.requirement.title, row.coverage.rawValue]
            if row.cells.isEmpty { rows.append(base + ["", "", "", ""]) }
            for cell in row.cells { rows.append(base + [cell.caseKey, cell.caseTitle, cell.method.rawValue, cell.status.rawValue]) }
        }
        return CSVTable(header: ["module", "requirement", "requirement_title", "coverage", "case", "case_title", "method", "case_status"], rows: rows)
    }

    public static func run(_ detail: RunQueries.Detail) -> CSVTable {
        CSVTable(header: ["run", "case", "case_title", "test", "outcome", "report_outcome", "duration_ms", "notes", "recorded_at", "recorded_by",
                          "evidence", "defects", "unmatched_reason"],
                 rows: detail.results.map { row in
                     let r = row.result
                     return [detail.run.name, row.caseKey ?? "", row.caseTitle ?? "", r.testName, r.outcome.rawValue, r.reportOutcome,
                             r.durationMS.map(String.init) ?? "", r.notes, ISO8601DateFormatter().string(from: r.recordedAt), r.recordedBy,
                             row.evidence.map { "\($0.name) (sha256 \($0.sha256))" }.joined(separator: "; "), row.defects.joined(separator: " "),
                             r.unmatchedReason]
                 })
    }
}
