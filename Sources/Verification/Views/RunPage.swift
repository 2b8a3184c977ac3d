import Foundation
import Platform
import Plot

/// One run: its results with evidence and defects, the CI tests no case took, the run's own files, and for editors
/// the result form (with an evidence file), defect reporting and closing.
struct RunPage: PageView {
    let access: ProjectAccess
    let detail: RunQueries.Detail
    /// Cases to pick from when recording: the set's or the single case first, then every current case.
    let choices: [(key: String, title: String)]
    let csrfToken: String
    var errors: [ProblemDetails.FieldError] = []

    var run: TestRun { detail.run }
    var pageTitle: String { "\(run.name) \(run.title)" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Runs", href: VerificationRoute.runs(project: access.key).path), Breadcrumb(run.name)] }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }
    var base: String { VerificationRoute.run(project: access.key, number: run.number).path }

    func content() -> Component {
        Div {
            H1("\(run.name) \(run.title)")
            VerificationNav(access: access, current: "Runs")
            FormErrors(errors.map(\.reason.sentenceCased))
            Tag("dl") {
                Tag("dt", text: "Status"); Tag("dd") { StatusBadge(status: "run-\(run.status.rawValue)", label: run.status.rawValue) }
                if let set = detail.setKey { Tag("dt", text: "Set"); Tag("dd") { Link(set, url: VerificationRoute.set(project: access.key, key: set).path) } }
                if let single = detail.caseKey { Tag("dt", text: "Case"); Tag("dd", text: single) }
                Tag("dt", text: "Build"); Tag("dd", text: run.build.isEmpty ? "—" : run.build)
                if !run.commit.isEmpty { Tag("dt", text: "Commit"); Tag("dd") { Code(run.commit) } }
                Tag("dt", text: "Environment"); Tag("dd", text: run.environment.isEmpty ? "—" : run.environment)
                Tag("dt", text: "Executed by"); Tag("dd", text: run.executedBy)
                Tag("dt", text: "Started"); Tag("dd", text: VerificationFormat.time(run.startedAt))
                Tag("dt", text: "Source"); Tag("dd", text: run.source == .junit ? "CI upload (JUnit)" : "recorded by hand")
                if !run.note.isEmpty { Tag("dt", text: "Note"); Tag("dd", text: run.note) }
                if let job = run.jobID, run.status == .importing {
                    Tag("dt", text: "Progress"); Tag("dd") { Link("the ingestion job", url: "/jobs/" + job.uuidString.lowercased()) }
                }
            }.class("facts")
            Paragraph {
                Text(TestResult.Outcome.allCases.map { "\(detail.count($0)) \($0.label)" }.joined(separator: " · "))
                Text(" — report as ")
                Link("CSV", url: base + "/report.csv"); Text(" or "); Link("XLSX", url: base + "/report.xlsx")
            }
            H2("Results")
            if detail.matched.isEmpty {
                Paragraph("No results yet.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Case"); TableHeaderCell("Outcome"); TableHeaderCell("Notes"); TableHeaderCell("Duration")
                    TableHeaderCell("Evidence"); TableHeaderCell("Defects"); TableHeaderCell("Recorded")
                }) {
                    for row in detail.matched { resultRow(row) }
                }.class("run-results")
            }
            if !detail.unmatched.isEmpty {
                H2("CI tests no case took (\(detail.unmatched.count))").id("unmatched")
                Paragraph("Give them a sesa.case or requirement property, or save a name pattern on the coverage page.").class("hint")
                Table(header: TableRow { TableHeaderCell("Test"); TableHeaderCell("Outcome"); TableHeaderCell("Why") }) {
                    for row in detail.unmatched {
                        TableRow {
                            TableCell { Code(row.result.testName) }
                            TableCell(row.result.reportOutcome)
                            TableCell(row.result.unmatchedReason)
                        }
                    }
                }.class("unmatched-tests")
            }
            H2("Files of the run")
            if detail.evidence.isEmpty { Paragraph("None.").class("empty") } else { evidenceList(detail.evidence) }
            if canEdit && run.status == .open { recordForm }
        }
    }

    @ComponentBuilder func resultRow(_ row: RunQueries.ResultRow) -> Component {
        let result = row.result
        TableRow {
            TableCell {
                if let key = row.caseKey { Link("\(key) \(row.caseTitle ?? "")", url: VerificationRoute.testCase(project: access.key, key: key).path) }
                if !result.testName.isEmpty { Element(name: "small") { Code(result.testName) } }
            }
            TableCell { StatusBadge(status: result.outcome.rawValue, label: result.outcome.label) }
            TableCell(result.notes)
            TableCell(result.durationMS.map { "\($0) ms" } ?? "")
            TableCell {
                evidenceList(row.evidence)
                if canEdit {
                    PostForm(action: base + "/evidence?result=" + result.id!.uuidString.lowercased(), csrfToken: csrfToken, multipart: true) {
                        Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                            Attribute(name: "type", value: "file"), Attribute(name: "name", value: "file"),
                            Attribute(name: "aria-label", value: HTMLEscape.attribute("Evidence for \(row.caseKey ?? result.testName)")),
                        ])
                        Button("Attach").attribute(named: "type", value: "submit")
                    }.class("inline-form")
                }
            }
            TableCell {
                for key in row.defects { Link(key, url: VerificationRoute.defect(project: access.key, key: key).path); Text(" ") }
                if canEdit && result.outcome == .fail {
                    ActionButton("Report defect", action: VerificationRoute.defects(project: access.key).path, csrfToken: csrfToken,
                                 fields: [("title", "\(row.caseKey ?? "") failed in \(run.name)"), ("result", result.id!.uuidString.lowercased()),
                                          ("severity", "major")])
                }
            }
            TableCell(VerificationFormat.time(result.recordedAt) + " " + result.recordedBy)
        }
    }

    @ComponentBuilder func evidenceList(_ files: [TestEvidence]) -> Component {
        if !files.isEmpty {
            List(files) { file in
                ListItem {
                    Link(file.name, url: VerificationRoute.evidence(project: access.key, number: run.number, id: file.id!).path)
                    Text(" (\(VerificationFormat.size(file.size)), sha256 \(file.sha256.prefix(12))…)")
                }
            }.class("evidence")
        }
    }

    @ComponentBuilder var recordForm: Component {
        H2("Record a result")
        PostForm(action: base + "/results", csrfToken: csrfToken, multipart: true) {
            SelectField("Case", name: "case", options: choices.map { ($0.key, "\($0.key) \($0.title)") }, error: fieldError(errors, "case"))
            SelectField("Outcome", name: "outcome", options: TestResult.Outcome.allCases.map { ($0.rawValue, $0.label) }, selected: "pass")
            TextAreaField("Notes", name: "notes", error: fieldError(errors, "notes"), rows: 2)
            FormField("Duration (ms)", name: "duration_ms", type: "number", error: fieldError(errors, "duration_ms"))
            Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: "field-file"), .text("Evidence file (optional, at most 64 MB)")])
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "id", value: "field-file"),
            ])
            Button("Record result").attribute(named: "type", value: "submit").class("primary")
        }
        ActionButton("Close this run", action: base + "/close", csrfToken: csrfToken)
    }
}
