import Foundation
import Platform
import Plot

/// The project's test cases with what they verify and how they last went; editors add cases here.
struct CasesPage: PageView {
    let access: ProjectAccess
    let rows: [VerificationQueries.CaseRow]
    let verifies: [UUID: [String]]
    let latest: [UUID: VerificationQueries.LatestResult]
    let csrfToken: String
    var form = CaseForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) test cases" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("Cases")] }

    func content() -> Component {
        Div {
            H1("Test cases of \(access.key)")
            VerificationNav(access: access, current: "Cases")
            if rows.isEmpty {
                Paragraph("No test cases yet. A case says how requirements are verified: method, steps with expected results, and the requirements it verifies.")
                    .class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Method"); TableHeaderCell("Status")
                    TableHeaderCell("Verifies"); TableHeaderCell("Latest result")
                }) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: VerificationRoute.testCase(project: access.key, key: row.key).path) }
                            TableCell { Text(row.title); if row.automated { Span("automated").class("badge badge-muted") } }
                            TableCell(row.method.rawValue)
                            TableCell { StatusBadge(status: "case-\(row.status.rawValue)", label: row.status.rawValue) }
                            TableCell((verifies[row.id] ?? []).joined(separator: ", "))
                            TableCell {
                                if let result = latest[row.id] { StatusBadge(status: result.outcome.rawValue, label: result.outcome.label) } else { Text("—") }
                            }
                        }
                    }
                }.class("test-cases")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New test case")
                PostForm(action: VerificationRoute.cases(project: access.key).path, csrfToken: csrfToken) {
                    CaseFields(form: form, errors: errors)
                    Button("Create case").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

/// The form of a case as posted: steps as parallel `action[]` / `expected[]` lists.
struct CaseForm: Codable, Sendable {
    var title: String?
    var method: String?
    var status: String?
    var preconditions: String?
    var environment: String?
    var verifies: String?
    var action: [String]?
    var expected: [String]?
    var version: Int?

    func draft() throws -> CaseDraft {
        let actions = action ?? [], results = expected ?? []
        let steps = (0..<max(actions.count, results.count)).map {
            CaseDraft.Step(action: $0 < actions.count ? actions[$0] : "", expected: $0 < results.count ? results[$0] : "")
        }
        return CaseDraft(title: title ?? "", method: try VerificationRequest.parse(method, TestCase.Method.self, field: "method", default: .test),
                         status: try VerificationRequest.parse(status, TestCase.Status.self, field: "status", default: .draft),
                         preconditions: preconditions ?? "", environment: environment ?? "", steps: steps,
                         verifies: VerificationRequest.keys(verifies))
    }
}

/// The fields of the new and edit case forms; three empty step rows to fill (script adds more).
struct CaseFields: Component {
    let form: CaseForm
    let errors: [ProblemDetails.FieldError]

    var body: Component {
        let actions = form.action ?? [], results = form.expected ?? []
        let filled = max(actions.count, results.count)
        return Div {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Method", name: "method", options: TestCase.Method.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.method ?? "test", error: fieldError(errors, "method"))
            SelectField("Status", name: "status", options: TestCase.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "draft", error: fieldError(errors, "status"))
            FormField("Verifies (requirement keys)", name: "verifies", value: form.verifies ?? "", error: fieldError(errors, "verifies"),
                      hint: "e.g. SYS-REQ-001 SYS-REQ-004")
            TextAreaField("Preconditions", name: "preconditions", value: form.preconditions ?? "", error: fieldError(errors, "preconditions"), rows: 2)
            FormField("Environment", name: "environment", value: form.environment ?? "", error: fieldError(errors, "environment"),
                      hint: "e.g. hardware-in-the-loop rig 2")
            Div {
                H3("Steps")
                if let error = fieldError(errors, "steps") { Paragraph(error.sentenceCased).class("field-error") }
                Table(header: TableRow { TableHeaderCell("#"); TableHeaderCell("Action"); TableHeaderCell("Expected result") }) {
                    for index in 0..<(filled + 3) {
                        TableRow {
                            TableCell(String(index + 1))
                            TableCell { StepInput(name: "action[]", value: index < actions.count ? actions[index] : "", label: "Action \(index + 1)") }
                            TableCell { StepInput(name: "expected[]", value: index < results.count ? results[index] : "", label: "Expected result \(index + 1)") }
                        }
                    }
                }.class("case-steps")
                Paragraph("Empty rows are left out; save to get more rows.").class("hint")
            }.class("steps")
        }
    }
}

struct StepInput: Component {
    let name: String
    let value: String
    let label: String
    var body: Component {
        Node<HTML.BodyContext>.element(named: "textarea", nodes: [
            .attribute(named: "name", value: name), .attribute(named: "rows", value: "2"),
            .attribute(named: "aria-label", value: HTMLEscape.attribute(label)), .text(value),
        ])
    }
}
