import Platform
import Plot

/// The project's requirement modules with their counts; editors create modules here.
struct ModuleListPage: PageView {
    let access: ProjectAccess
    let modules: [RequirementQueries.ModuleSummary]
    let csrfToken: String
    var form = (name: "", prefix: "", description: "", parentExpected: false)
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) requirements" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Requirements")] }

    func content() -> Component {
        Div {
            H1("Requirements of \(access.key)")
            ProjectTabs(access: access, current: "Requirements")
            RequirementTabs(access: access, current: "Modules")
            if modules.isEmpty {
                Paragraph("No requirement modules yet. A module is one document, e.g. “System requirements” with prefix SYS.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Module"); TableHeaderCell("Prefix"); TableHeaderCell("Requirements")
                    TableHeaderCell("Approved"); TableHeaderCell("With findings")
                }) {
                    for summary in modules {
                        TableRow {
                            TableCell { Link(HTMLEscape.text(summary.module.name), url: RequirementRoute.document(project: access.key, module: summary.module.prefix).path) }
                            TableCell(summary.module.prefix)
                            TableCell(String(summary.requirements))
                            TableCell(String(summary.approved))
                            TableCell { Link(String(summary.withFindings), url: RequirementRoute.quality(project: access.key, module: summary.module.prefix).path) }
                        }
                    }
                }.class("modules")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New module")
                FormErrors(errors.filter { !["name", "prefix", "description"].contains($0.field) }.map(\.reason.sentenceCased))
                PostForm(action: RequirementRoute.modules(project: access.key).path, csrfToken: csrfToken) {
                    FormField("Name", name: "name", value: form.name, error: fieldError(errors, "name"))
                    FormField("Key prefix", name: "prefix", value: form.prefix, error: fieldError(errors, "prefix"),
                              hint: "Capital letters or digits, e.g. SYS: requirements get keys like SYS-REQ-001.")
                    TextAreaField("Description", name: "description", value: form.description,
                                  error: fieldError(errors, "description"), rows: 3)
                    CheckboxField("Requirements here derive from a parent module (flag those without one)",
                                  name: "parent_expected", checked: form.parentExpected)
                    Button("Create module").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}
