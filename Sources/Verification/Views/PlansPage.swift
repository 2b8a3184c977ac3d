import Foundation
import Platform
import Plot

/// Verification plans with their scope's coverage; editors create plans here.
struct PlansPage: PageView {
    let access: ProjectAccess
    let rows: [(key: String, title: String, plan: VerificationPlan, phase: String, counts: [VerificationStatus.Coverage: Int])]
    let phases: [String]
    let csrfToken: String
    var form = PlanForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) verification plans" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("Plans")] }

    func content() -> Component {
        Div {
            H1("Verification plans of \(access.key)")
            VerificationNav(access: access, current: "Plans")
            if rows.isEmpty {
                Paragraph("No plans yet. A plan says what is to be verified (requirement modules, a search) in which phase, and by which activities.")
                    .class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Phase"); TableHeaderCell("Status"); TableHeaderCell("Scope")
                    TableHeaderCell("Coverage")
                }) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: VerificationRoute.plan(project: access.key, key: row.key).path) }
                            TableCell(row.title)
                            TableCell(row.phase.isEmpty ? "—" : row.phase)
                            TableCell { StatusBadge(status: "plan-\(row.plan.status.rawValue)", label: row.plan.status.rawValue) }
                            TableCell(PlanPage.scope(row.plan))
                            TableCell(CoverageText(counts: row.counts).text)
                        }
                    }
                }.class("plans")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New plan")
                PostForm(action: VerificationRoute.plans(project: access.key).path, csrfToken: csrfToken) {
                    PlanFields(form: form, phases: phases, errors: errors, canApprove: access.allows(.lead))
                    Button("Create plan").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

/// "3 verified · 1 stale · …" in the fixed order.
struct CoverageText {
    let counts: [VerificationStatus.Coverage: Int]
    var text: String {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return "no requirements in scope" }
        return VerificationStatus.Coverage.allCases.compactMap { status in counts[status].flatMap { $0 > 0 ? "\($0) \(status.rawValue)" : nil } }
            .joined(separator: " · ") + " of \(total)"
    }
}

struct PlanForm: Codable, Sendable {
    var title: String?
    var status: String?
    var phase: String?
    var modules: String?
    var query: String?
    var description: String?
    var version: Int?

    func draft() throws -> PlanStore.Draft {
        .init(title: title ?? "", status: try VerificationRequest.parse(status, VerificationPlan.Status.self, field: "status", default: .draft),
              phase: phase ?? "", modules: VerificationRequest.keys(modules), query: query ?? "", description: description ?? "")
    }
}

struct PlanFields: Component {
    let form: PlanForm
    let phases: [String]
    let errors: [ProblemDetails.FieldError]
    let canApprove: Bool
    var body: Component {
        Div {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Phase", name: "phase", options: [("", "none")] + phases.map { ($0, $0) }, selected: form.phase ?? "", error: fieldError(errors, "phase"))
            if canApprove {
                SelectField("Status", name: "status", options: VerificationPlan.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                            selected: form.status ?? "draft", error: fieldError(errors, "status"))
            } else {
                Input(type: .hidden, name: "status", value: HTMLEscape.attribute(form.status ?? "draft"))
            }
            FormField("Requirement modules in scope (prefixes)", name: "modules", value: form.modules ?? "", error: fieldError(errors, "modules"),
                      hint: "e.g. SYS SUB; every module when empty")
            FormField("Only requirements containing", name: "query", value: form.query ?? "", error: fieldError(errors, "query"), hint: "words, optional")
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 3)
        }
    }
}
