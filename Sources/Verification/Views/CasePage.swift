import Foundation
import Platform
import Plot

/// One test case: its steps, what it verifies with each requirement's status, its result history, and for editors
/// the edit and delete forms.
struct CasePage: PageView {
    let access: ProjectAccess
    let detail: CaseQueries.CaseDetail
    let csrfToken: String
    var form: CaseForm?
    var errors: [ProblemDetails.FieldError] = []

    var key: String { detail.artifact.key }
    var pageTitle: String { "\(key) \(detail.artifact.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Cases", href: VerificationRoute.cases(project: access.key).path), Breadcrumb(key)]
    }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("\(key) \(detail.artifact.title)")
            VerificationNav(access: access, current: "Cases")
            Tag("dl") {
                Tag("dt", text: "Method"); Tag("dd", text: detail.row.method.rawValue)
                Tag("dt", text: "Status"); Tag("dd") { StatusBadge(status: "case-\(detail.row.status.rawValue)", label: detail.row.status.rawValue) }
                Tag("dt", text: "Version"); Tag("dd", text: String(detail.artifact.version))
                if !detail.row.environment.isEmpty { Tag("dt", text: "Environment"); Tag("dd", text: detail.row.environment) }
                if let automation = detail.row.automationID { Tag("dt", text: "CI test"); Tag("dd") { Code(automation) } }
            }.class("facts")
            if !detail.row.preconditions.isEmpty { H2("Preconditions"); Paragraph(detail.row.preconditions).class("prose") }
            H2("Steps")
            if detail.steps.isEmpty {
                Paragraph(detail.row.automated ? "An automated case: the CI test is its procedure." : "No steps yet.").class("empty")
            } else {
                Table(header: TableRow { TableHeaderCell("#"); TableHeaderCell("Action"); TableHeaderCell("Expected result") }) {
                    for (index, step) in detail.steps.enumerated() {
                        TableRow { TableCell(String(index + 1)); TableCell(step.action); TableCell(step.expected) }
                    }
                }.class("case-steps")
            }
            H2("Verifies")
            if detail.verifies.isEmpty {
                Paragraph("No requirement yet: a case verifies requirements through verifies links.").class("empty")
            } else {
                Table(header: TableRow { TableHeaderCell("Requirement"); TableHeaderCell("Title"); TableHeaderCell("Status") }) {
                    for target in detail.verifies {
                        TableRow {
                            TableCell { Text(target.key); if target.suspect { Span("suspect").class("badge badge-warning") } }
                            TableCell(target.title)
                            TableCell {
                                if let cell = detail.status.first(where: { $0.requirement == target.key })?.cell {
                                    StatusBadge(status: cell.rawValue, label: cell.label)
                                }
                            }
                        }
                    }
                }.class("case-verifies")
            }
            H2("Results")
            if detail.history.isEmpty {
                Paragraph("Not run yet.").class("empty")
            } else {
                Table(header: TableRow { TableHeaderCell("Run"); TableHeaderCell("Outcome"); TableHeaderCell("Recorded"); TableHeaderCell("Notes") }) {
                    for entry in detail.history {
                        TableRow {
                            TableCell { Link("RUN-\(entry.run)", url: VerificationRoute.run(project: access.key, number: entry.run).path) }
                            TableCell { StatusBadge(status: entry.outcome.rawValue, label: entry.outcome.label) }
                            TableCell(VerificationFormat.time(entry.recordedAt))
                            TableCell(entry.notes)
                        }
                    }
                }.class("case-results")
            }
            if canEdit { forms }
        }
    }

    @ComponentBuilder var forms: Component {
        let values = form ?? CaseForm(title: detail.artifact.title, method: detail.row.method.rawValue, status: detail.row.status.rawValue,
                                      preconditions: detail.row.preconditions, environment: detail.row.environment,
                                      verifies: detail.verifies.map(\.key).joined(separator: " "), action: detail.steps.map(\.action),
                                      expected: detail.steps.map(\.expected), version: detail.artifact.version)
        H2("Edit")
        PostForm(action: VerificationRoute.testCase(project: access.key, key: key).path + "/edit", csrfToken: csrfToken) {
            Input(type: .hidden, name: "version", value: String(values.version ?? detail.artifact.version))
            CaseFields(form: values, errors: errors)
            Button("Save").attribute(named: "type", value: "submit").class("primary")
        }
        ActionButton("Delete this case", action: VerificationRoute.testCase(project: access.key, key: key).path + "/delete", csrfToken: csrfToken,
                     fields: [("version", String(detail.artifact.version))], style: "danger")
    }
}

enum VerificationFormat {
    /// `2026-12-06 14:03 UTC`.
    static func time(_ date: Date) -> String {
        let text = ISO8601DateFormatter().string(from: date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) bytes"
    }
}
