import Foundation
import Platform
import Plot

/// The project's design packages with their owners, phases and contents; editors create new ones here.
struct PackagesPage: PageView {
    let access: ProjectAccess
    let rows: [GovernanceQueries.PackageRow]
    let choices: PackageChoices
    let csrfToken: String
    var form = PackagesController.PackageForm()
    /// A checked sheet waiting to be applied.
    var checked: SheetImportForm.Checked?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) design packages" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Design packages")] }

    func content() -> Component {
        Div {
            H1("Design packages of \(access.key)")
            ProjectTabs(access: access, current: "Governance")
            Paragraph {
                Link("Phases and organisations", url: GovernanceRoute.overview(project: access.key).path)
                Text(" · Download the list as ")
                Link("CSV", url: GovernanceRoute.packagesExport(project: access.key, format: "csv").path)
                Text(" or ")
                Link("XLSX", url: GovernanceRoute.packagesExport(project: access.key, format: "xlsx").path)
            }
            if rows.isEmpty {
                Paragraph("No design packages yet. A package is a piece of the design an organisation delivers in a phase: its elements and interfaces.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Owner"); TableHeaderCell("Phase")
                    TableHeaderCell("Status"); TableHeaderCell("Elements"); TableHeaderCell("Interfaces")
                }) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: GovernanceRoute.package(project: access.key, key: row.key).path) }
                            TableCell(row.title)
                            TableCell(row.ownerCode.isEmpty ? "—" : row.ownerCode)
                            TableCell(row.phaseName.isEmpty ? "—" : row.phaseName)
                            TableCell { Span(row.status.rawValue).class("badge package-status-\(row.status.rawValue)") }
                            TableCell(String(row.contents["system-element"] ?? 0))
                            TableCell(String(row.contents["interface"] ?? 0))
                        }
                    }
                }.class("packages")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New design package")
                PostForm(action: GovernanceRoute.packages(project: access.key).path, csrfToken: csrfToken) {
                    PackageFields(form: form, choices: choices, errors: errors.filter { $0.field != "file" })
                    Button("Create package").attribute(named: "type", value: "submit").class("primary")
                }
                importForm
            }
        }
    }
}

extension PackagesPage {
    var importForm: Component {
        SheetImportForm(
            action: GovernanceRoute.packagesImport(project: access.key).path, csrfToken: csrfToken,
            hint: "CSV or XLSX with the columns key, title, owner, phase, status, description, contents (element and interface keys "
                + "separated by spaces) — the download's columns. Rows match by key; a row without a key is a new package.",
            checked: checked, errors: errors.filter { $0.field == "file" }.map(\.reason))
    }
}

/// The fields of the new and edit package forms.
struct PackageFields: Component {
    let form: PackagesController.PackageForm
    let choices: PackageChoices
    let errors: [ProblemDetails.FieldError]

    var body: Component {
        Div {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Owner organisation", name: "owner", options: choices.organisations, selected: form.owner ?? "",
                        error: fieldError(errors, "owner"))
            SelectField("Phase", name: "phase", options: choices.phases, selected: form.phase ?? "", error: fieldError(errors, "phase"))
            SelectField("Status", name: "status", options: DesignPackage.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "draft", error: fieldError(errors, "status"))
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 3)
        }
    }
}
