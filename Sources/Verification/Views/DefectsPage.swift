import Artifacts
import Foundation
import Platform
import Plot

/// The project's defects; editors report new ones here (or from a failed result on its run's page).
struct DefectsPage: PageView {
    let access: ProjectAccess
    let rows: [(key: String, title: String, defect: Defect, concerns: [String])]
    let csrfToken: String
    var form = DefectForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) defects" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("Defects")] }

    func content() -> Component {
        Div {
            H1("Defects of \(access.key)")
            VerificationNav(access: access, current: "Defects")
            if rows.isEmpty {
                Paragraph("No defects reported.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Severity"); TableHeaderCell("Status"); TableHeaderCell("Concerns")
                }) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: VerificationRoute.defect(project: access.key, key: row.key).path) }
                            TableCell(row.title)
                            TableCell { StatusBadge(status: "severity-\(row.defect.severity.rawValue)", label: row.defect.severity.rawValue) }
                            TableCell { StatusBadge(status: "defect-\(row.defect.status.rawValue)", label: row.defect.status.rawValue) }
                            TableCell(row.concerns.joined(separator: ", "))
                        }
                    }
                }.class("defects")
            }
            if access.allows(.editor) && access.status == .active {
                H2("Report a defect")
                PostForm(action: VerificationRoute.defects(project: access.key).path, csrfToken: csrfToken) {
                    DefectFields(form: form, errors: errors)
                    Button("Report defect").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

struct DefectForm: Codable, Sendable {
    var title: String?
    var severity: String?
    var status: String?
    var description: String?
    var concerns: String?
    var result: UUID?
    var version: Int?

    func draft() throws -> DefectStore.Draft {
        .init(title: title ?? "", severity: try VerificationRequest.parse(severity, Defect.Severity.self, field: "severity", default: .major),
              status: try VerificationRequest.parse(status, Defect.Status.self, field: "status", default: .open), description: description ?? "",
              concerns: concerns == nil && result != nil ? nil : VerificationRequest.keys(concerns))
    }
}

struct DefectFields: Component {
    let form: DefectForm
    let errors: [ProblemDetails.FieldError]
    var body: Component {
        Div {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Severity", name: "severity", options: Defect.Severity.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.severity ?? "major", error: fieldError(errors, "severity"))
            SelectField("Status", name: "status", options: Defect.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "open", error: fieldError(errors, "status"))
            FormField("Concerns (requirement and case keys)", name: "concerns", value: form.concerns ?? "", error: fieldError(errors, "concerns"))
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 4)
        }
    }
}

/// One defect with the results that show it, and its edit form.
struct DefectPage: PageView {
    let access: ProjectAccess
    let artifact: Artifacts.Artifact
    let defect: Defect
    let concerns: [String]
    let results: [(run: Int, caseKey: String, outcome: TestResult.Outcome)]
    let csrfToken: String
    var form: DefectForm?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(artifact.key) \(artifact.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Defects", href: VerificationRoute.defects(project: access.key).path), Breadcrumb(artifact.key)]
    }

    func content() -> Component {
        Div {
            H1("\(artifact.key) \(artifact.title)")
            VerificationNav(access: access, current: "Defects")
            Tag("dl") {
                Tag("dt", text: "Severity"); Tag("dd") { StatusBadge(status: "severity-\(defect.severity.rawValue)", label: defect.severity.rawValue) }
                Tag("dt", text: "Status"); Tag("dd") { StatusBadge(status: "defect-\(defect.status.rawValue)", label: defect.status.rawValue) }
                Tag("dt", text: "Concerns"); Tag("dd", text: concerns.isEmpty ? "—" : concerns.joined(separator: ", "))
            }.class("facts")
            if !defect.description.isEmpty { Paragraph(defect.description).class("prose") }
            H2("Shown by")
            if results.isEmpty {
                Paragraph("No result linked.").class("empty")
            } else {
                List(results.indices) { index in
                    let entry = results[index]
                    return ListItem {
                        Link("RUN-\(entry.run)", url: VerificationRoute.run(project: access.key, number: entry.run).path)
                        Text(" \(entry.caseKey) \(entry.outcome.label)")
                    }
                }.class("defect-results")
            }
            if access.allows(.editor) && access.status == .active {
                H2("Edit")
                PostForm(action: VerificationRoute.defect(project: access.key, key: artifact.key).path + "/edit", csrfToken: csrfToken) {
                    Input(type: .hidden, name: "version", value: String(artifact.version))
                    DefectFields(form: form ?? DefectForm(title: artifact.title, severity: defect.severity.rawValue, status: defect.status.rawValue,
                                                          description: defect.description, concerns: concerns.joined(separator: " ")), errors: errors)
                    Button("Save").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}
