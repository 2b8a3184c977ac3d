import Foundation
import Platform
import Plot

/// The project's test sets; editors create sets here.
struct SetsPage: PageView {
    let access: ProjectAccess
    let rows: [(key: String, title: String, purpose: String, cases: Int)]
    let csrfToken: String
    var form = SetForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) test sets" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("Sets")] }

    func content() -> Component {
        Div {
            H1("Test sets of \(access.key)")
            VerificationNav(access: access, current: "Sets")
            if rows.isEmpty {
                Paragraph("No test sets yet. A set is an ordered list of cases run together: a campaign, a regression suite, a smoke test.").class("empty")
            } else {
                Table(header: TableRow { TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Purpose"); TableHeaderCell("Cases") }) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: VerificationRoute.set(project: access.key, key: row.key).path) }
                            TableCell(row.title); TableCell(row.purpose); TableCell(String(row.cases))
                        }
                    }
                }.class("test-sets")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New test set")
                PostForm(action: VerificationRoute.sets(project: access.key).path, csrfToken: csrfToken) {
                    SetFields(form: form, errors: errors)
                    Button("Create set").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

struct SetForm: Codable, Sendable {
    var title: String?
    var purpose: String?
    var description: String?
    var cases: String?
    var version: Int?

    var draft: SetStore.Draft {
        .init(title: title ?? "", purpose: purpose ?? "campaign", description: description ?? "", cases: VerificationRequest.keys(cases))
    }
}

struct SetFields: Component {
    let form: SetForm
    let errors: [ProblemDetails.FieldError]
    var body: Component {
        Div {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Purpose", name: "purpose", options: SetStore.purposes.map { ($0, $0) }, selected: form.purpose ?? "campaign",
                        error: fieldError(errors, "purpose"))
            TextAreaField("Cases, in order (keys)", name: "cases", value: form.cases ?? "", error: fieldError(errors, "cases"), rows: 3)
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 3)
        }
    }
}

/// One set: its cases in order, a button to start a run of it, and the edit form.
struct SetPage: PageView {
    let access: ProjectAccess
    let key: String
    let title: String
    let version: Int
    let set: TestSet
    let cases: [(key: String, title: String)]
    let csrfToken: String
    var form: SetForm?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(key) \(title)" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Sets", href: VerificationRoute.sets(project: access.key).path), Breadcrumb(key)] }

    func content() -> Component {
        Div {
            H1("\(key) \(title)")
            VerificationNav(access: access, current: "Sets")
            Paragraph("Purpose: \(set.purpose)" + (set.description.isEmpty ? "" : " — " + set.description))
            if cases.isEmpty {
                Paragraph("No cases in this set yet.").class("empty")
            } else {
                Element(name: "ol") {
                    for entry in cases {
                        ListItem { Link("\(entry.key) \(entry.title)", url: VerificationRoute.testCase(project: access.key, key: entry.key).path) }
                    }
                }.class("set-cases")
            }
            if access.allows(.editor) && access.status == .active {
                ActionButton("Start a run of this set", action: VerificationRoute.runs(project: access.key).path, csrfToken: csrfToken,
                             fields: [("title", title), ("set", key)], style: "primary")
                H2("Edit")
                PostForm(action: VerificationRoute.set(project: access.key, key: key).path + "/edit", csrfToken: csrfToken) {
                    Input(type: .hidden, name: "version", value: String(version))
                    SetFields(form: form ?? SetForm(title: title, purpose: set.purpose, description: set.description,
                                                    cases: cases.map(\.key).joined(separator: "\n")), errors: errors)
                    Button("Save").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}
