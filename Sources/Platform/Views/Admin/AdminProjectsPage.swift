import Foundation
import Plot

/// Site administration of programmes and projects.
struct AdminProjectsPage: PageView {
    struct ProgramRow {
        let id: UUID
        let name: String
        let description: String
        let projects: Int
    }
    struct ProjectRow {
        let key: String
        let name: String
        let program: String?
        let status: Project.Status
        let members: Int
    }
    struct NewProject {
        var key = ""
        var name = ""
        var description = ""
        var programID = ""
        var leadEmail = ""
    }
    let programs: [ProgramRow]
    let projects: [ProjectRow]
    let csrfToken: String
    var newProject = NewProject()
    var newProgram = (name: "", description: "")
    var projectErrors: [ProblemDetails.FieldError] = []
    var programErrors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "Programmes and projects" }
    var breadcrumbs: [Breadcrumb] {
        [Breadcrumb("Administration", href: AdminRoute.users.path), Breadcrumb("Programmes and projects")]
    }

    func content() -> Component {
        Div {
            H1("Programmes and projects")
            AdminTabs(current: "Programmes and projects")
            H2("Projects")
            Table(
                header: TableRow {
                    TableHeaderCell("Key")
                    TableHeaderCell("Name")
                    TableHeaderCell("Programme")
                    TableHeaderCell("Status")
                    TableHeaderCell("Members")
                }
            ) {
                for project in projects {
                    TableRow {
                        TableCell { Link(project.key, url: ProjectRoute.overview(key: project.key).path).class("project-key") }
                        TableCell(HTMLEscape.text(project.name))
                        TableCell(HTMLEscape.text(project.program ?? "—"))
                        TableCell { StatusBadge(project.status) }
                        TableCell(String(project.members))
                    }
                }
            }.class("projects")
            H3("Create a project")
            FormErrors(projectErrors.map { $0.reason.sentenceCased })
            PostForm(action: AdminRoute.projectCreate.path, csrfToken: csrfToken) {
                FormField("Key", name: "key", value: newProject.key, error: fieldError(projectErrors, "key"),
                          hint: "2–10 capital letters or digits, starting with a letter, e.g. ATC. It never changes.")
                FormField("Name", name: "name", value: newProject.name, error: fieldError(projectErrors, "name"))
                TextAreaField("Description", name: "description", value: newProject.description, rows: 3)
                SelectField("Programme", name: "program_id",
                            options: [("", "— none —")] + programs.map { ($0.id.uuidString, $0.name) },
                            selected: newProject.programID)
                FormField("Lead (email)", name: "lead_email", type: "email", value: newProject.leadEmail,
                          error: fieldError(projectErrors, "lead_email"),
                          hint: "Who leads the project. Leave empty to lead it yourself.")
                Button("Create project").attribute(named: "type", value: "submit").class("primary")
            }
            H2("Programmes")
            Table(
                header: TableRow {
                    TableHeaderCell("Name")
                    TableHeaderCell("Description")
                    TableHeaderCell("Projects")
                }
            ) {
                for program in programs {
                    TableRow {
                        TableCell(HTMLEscape.text(program.name))
                        TableCell(HTMLEscape.text(program.description))
                        TableCell(String(program.projects))
                    }
                }
            }.class("programs")
            H3("Create a programme")
            FormErrors(programErrors.map { $0.reason.sentenceCased })
            PostForm(action: AdminRoute.programCreate.path, csrfToken: csrfToken) {
                FormField("Name", name: "name", value: newProgram.name, error: fieldError(programErrors, "name"))
                TextAreaField("Description", name: "description", value: newProgram.description, rows: 3)
                Button("Create programme").attribute(named: "type", value: "submit")
            }
        }
    }

    func fieldError(_ errors: [ProblemDetails.FieldError], _ field: String) -> String? {
        errors.first { $0.field == field }.map { $0.reason.sentenceCased }
    }
}
