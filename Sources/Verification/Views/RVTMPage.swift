import Foundation
import Platform
import Plot

/// The requirements verification traceability matrix: one row per requirement, its cases with the status of each
/// case's latest result, and the requirement's coverage. Filters by module, status, method and words.
struct RVTMPage: PageView {
    let access: ProjectAccess
    let rvtm: RVTM
    let filter: RVTM.Filter
    let modules: [String]
    let runNumbers: [UUID: Int]
    /// The page shows at most this many rows; the downloads have them all.
    static let pageRows = 2_000

    var pageTitle: String { "\(access.key) RVTM" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("RVTM")] }

    var query: String {
        var parts: [String] = []
        if !filter.modules.isEmpty { parts.append("module=" + filter.modules.joined(separator: ",")) }
        if !filter.statuses.isEmpty { parts.append("status=" + filter.statuses.map(\.rawValue).sorted().joined(separator: ",")) }
        if let method = filter.method { parts.append("method=" + method.rawValue) }
        if !filter.words.isEmpty { parts.append("q=" + (filter.words.joined(separator: " ").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        return parts.joined(separator: "&")
    }

    func content() -> Component {
        let base = VerificationRoute.rvtm(project: access.key).path
        let counts = Dictionary(grouping: rvtm.rows, by: \.coverage).mapValues(\.count)
        return Div {
            H1("Requirements verification traceability matrix of \(access.key)")
            VerificationNav(access: access, current: "RVTM")
            Form(url: base, method: .get) {
                SelectField("Module", name: "module", options: [("", "every module")] + modules.map { ($0, $0) }, selected: filter.modules.first ?? "")
                SelectField("Coverage", name: "status", options: [("", "any")] + VerificationStatus.Coverage.allCases.map { ($0.rawValue, $0.rawValue) },
                            selected: filter.statuses.count == 1 ? filter.statuses.first!.rawValue : "")
                SelectField("Method", name: "method", options: [("", "any")] + TestCase.Method.allCases.map { ($0.rawValue, $0.rawValue) },
                            selected: filter.method?.rawValue ?? "")
                FormField("Requirement contains", name: "q", value: filter.words.joined(separator: " "))
                Button("Filter").attribute(named: "type", value: "submit")
            }.class("filters")
            Paragraph {
                Text(CoverageText(counts: counts).text + " — download as ")
                Link("CSV", url: base + "?" + query + (query.isEmpty ? "" : "&") + "format=csv")
                Text(" or ")
                Link("XLSX", url: base + "?" + query + (query.isEmpty ? "" : "&") + "format=xlsx")
            }
            Paragraph("Verified: every case verifying it passed since the requirement and the case last changed. Stale: a pass older than a change. "
                      + "Unverified: no case, or a case not run.").class("hint")
            if rvtm.rows.isEmpty {
                Paragraph("No requirement matches.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Requirement"); TableHeaderCell("Title"); TableHeaderCell("Coverage"); TableHeaderCell("Cases (latest result)")
                }) {
                    for row in rvtm.rows.prefix(Self.pageRows) {
                        TableRow {
                            TableCell(row.requirement.key)
                            TableCell(row.requirement.title)
                            TableCell { StatusBadge(status: row.coverage.rawValue) }
                            TableCell {
                                if row.cells.isEmpty { Text("no case") }
                                for cell in row.cells {
                                    Span {
                                        Link(cell.caseKey, url: VerificationRoute.testCase(project: access.key, key: cell.caseKey).path)
                                            .attribute(named: "title", value: HTMLEscape.attribute(cell.caseTitle))
                                        Text(" ")
                                        if let run = cell.result.flatMap({ runNumbers[$0.runID] }) {
                                            Link(cell.status.label, url: VerificationRoute.run(project: access.key, number: run).path)
                                                .class("badge verification-\(cell.status.rawValue)")
                                        } else {
                                            StatusBadge(status: cell.status.rawValue, label: cell.status.label)
                                        }
                                    }.class("rvtm-cell")
                                }
                            }
                        }
                    }
                }.class("rvtm")
                if rvtm.rows.count > Self.pageRows {
                    Paragraph("Showing the first \(Self.pageRows) of \(rvtm.rows.count) requirements; narrow the filter or download the sheet for all.").class("hint")
                }
            }
        }
    }
}
