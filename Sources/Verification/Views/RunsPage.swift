import Foundation
import Platform
import Plot

/// Runs, newest first; editors start a run here. CI uploads arrive as runs too.
struct RunsPage: PageView {
    let access: ProjectAccess
    let runs: [TestRun]
    let csrfToken: String
    var form = RunForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) test runs" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("Runs")] }

    func content() -> Component {
        Div {
            H1("Test runs of \(access.key)")
            VerificationNav(access: access, current: "Runs")
            Paragraph {
                Text("CI posts JUnit XML to ")
                Code("POST /api/v1/projects/\(access.key)/results/junit")
                Text(" with a personal access token; each upload becomes a run. See the API documentation.")
            }.class("hint")
            if runs.isEmpty {
                Paragraph("No runs yet.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Run"); TableHeaderCell("Title"); TableHeaderCell("Build"); TableHeaderCell("Environment")
                    TableHeaderCell("Source"); TableHeaderCell("Status"); TableHeaderCell("Started"); TableHeaderCell("By")
                }) {
                    for run in runs {
                        TableRow {
                            TableCell { Link(run.name, url: VerificationRoute.run(project: access.key, number: run.number).path) }
                            TableCell(run.title); TableCell(run.build); TableCell(run.environment); TableCell(run.source.rawValue)
                            TableCell { StatusBadge(status: "run-\(run.status.rawValue)", label: run.status.rawValue) }
                            TableCell(VerificationFormat.time(run.startedAt)); TableCell(run.executedBy)
                        }
                    }
                }.class("test-runs")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New run")
                PostForm(action: VerificationRoute.runs(project: access.key).path, csrfToken: csrfToken) {
                    FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
                    FormField("Test set (key)", name: "set", value: form.set ?? "", error: fieldError(errors, "set"), hint: "or leave empty")
                    FormField("Single case (key)", name: "case", value: form.case ?? "", error: fieldError(errors, "case"))
                    FormField("Build or version under test", name: "build", value: form.build ?? "", error: fieldError(errors, "build"))
                    FormField("Environment", name: "environment", value: form.environment ?? "", error: fieldError(errors, "environment"))
                    FormField("Executed by", name: "executed_by", value: form.executed_by ?? "", error: fieldError(errors, "executed_by"), hint: "you, when empty")
                    Button("Start run").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

struct RunForm: Codable, Sendable {
    var title: String?
    var set: String?
    var `case`: String?
    var build: String?
    var environment: String?
    var commit: String?
    var executed_by: String?

    var draft: RunStore.RunDraft {
        .init(title: title ?? "", set: set ?? "", testCase: self.case ?? "", environment: environment ?? "", build: build ?? "",
              commit: commit ?? "", executedBy: executed_by ?? "")
    }
}
