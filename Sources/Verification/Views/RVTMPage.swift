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
    /// 1-based; the page shows `pageRows` requirements, the downloads all of them.
    var page = 1
    static let pageRows = 500

    var current: Int { min(page, pageCount) }
    var pageCount: Int { max(1, (rvtm.rows.count + Self.pageRows - 1) / Self.pageRows) }
    var shown: ArraySlice<RVTM.Row> {
        let start = (min(page, pageCount) - 1) * Self.pageRows
        return rvtm.rows[start..<min(start + Self.pageRows, rvtm.rows.count)]
    }

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

    /// "Requirements 501–1,000 of 10,000", with the previous and next pages.
    @ComponentBuilder func pager(_ base: String) -> Component {
        let link = { (number: Int) in base + "?" + query + (query.isEmpty ? "" : "&") + "page=\(number)" }
        Navigation {
            Text("Requirements \(shown.startIndex + 1)–\(shown.endIndex) of \(rvtm.rows.count) · page \(current) of \(pageCount) ")
            if current > 1 { Link("← previous", url: link(current - 1)).attribute(named: "rel", value: "prev") }
            Text(" ")
            if current < pageCount { Link("next →", url: link(current + 1)).attribute(named: "rel", value: "next") }
        }.class("pager").attribute(named: "aria-label", value: "RVTM pages")
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
                RVTMTable(project: access.key, rows: shown, runNumbers: runNumbers)
                if pageCount > 1 { pager(base) }
            }
        }
    }
}

/// The matrix's rows as text: a page is 500 requirements with tens of cells each, and Plot's node tree took most of
/// the page's time. Everything user-written goes through `HTMLEscape`, as Plot would escape it.
struct RVTMTable: Component {
    let project: String
    let rows: ArraySlice<RVTM.Row>
    let runNumbers: [UUID: Int]

    var body: Component {
        var html = ""
        html.reserveCapacity(rows.count * 400)
        for row in rows {
            html += "<tr><td>" + HTMLEscape.content(row.requirement.key) + "</td><td>" + HTMLEscape.content(row.requirement.title)
                + "</td><td><span class=\"badge verification-\(row.coverage.rawValue)\">\(row.coverage.rawValue)</span></td><td>"
            if row.cells.isEmpty { html += "no case" }
            for cell in row.cells {
                html += "<span class=\"rvtm-cell\"><a href=\"" + HTMLEscape.attribute(VerificationRoute.testCase(project: project, key: cell.caseKey).path)
                    + "\" title=\"" + HTMLEscape.attribute(cell.caseTitle) + "\">" + HTMLEscape.content(cell.caseKey) + "</a> "
                if let run = cell.result.flatMap({ runNumbers[$0.runID] }) {
                    html += "<a href=\"" + HTMLEscape.attribute(VerificationRoute.run(project: project, number: run).path)
                        + "\" class=\"badge verification-\(cell.status.rawValue)\">\(cell.status.label)</a>"
                } else {
                    html += "<span class=\"badge verification-\(cell.status.rawValue)\">\(cell.status.label)</span>"
                }
                html += "</span>"
            }
            html += "</td></tr>"
        }
        return Node<HTML.BodyContext>.element(named: "table", nodes: [
            .attribute(named: "class", value: "rvtm"),
            .element(named: "thead", nodes: [.raw("<tr><th>Requirement</th><th>Title</th><th>Coverage</th><th>Cases (latest result)</th></tr>")]),
            .element(named: "tbody", nodes: [.raw(html)]),
        ])
    }
}
