import Plot

/// The projects the user can open, grouped by programme.
struct ProjectListPage: PageView {
    struct Row {
        let key: String
        let name: String
        let program: String?
        let status: Project.Status
        let role: ProjectRole?
    }
    let rows: [Row]
    let isSiteAdmin: Bool

    var pageTitle: String { "Projects" }
    var breadcrumbs: [Breadcrumb] { [Breadcrumb("Projects")] }

    func content() -> Component {
        Div {
            H1("Projects")
            if rows.isEmpty {
                Paragraph(isSiteAdmin
                    ? "There are no projects yet."
                    : "You are not a member of any project yet. Ask a project lead or an administrator to add you.")
                    .class("empty")
            } else {
                Table(
                    header: TableRow {
                        TableHeaderCell("Key")
                        TableHeaderCell("Name")
                        TableHeaderCell("Programme")
                        TableHeaderCell("Status")
                        TableHeaderCell("Your role")
                    }
                ) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: ProjectRoute.overview(key: row.key).path).class("project-key") }
                            TableCell(HTMLEscape.text(row.name))
                            TableCell(HTMLEscape.text(row.program ?? "—"))
                            TableCell { StatusBadge(row.status) }
                            TableCell(row.role?.title ?? "Administrator")
                        }
                    }
                }.class("projects")
            }
            if isSiteAdmin {
                Paragraph { Link("Manage programmes and projects", url: AdminRoute.projects.path) }
            }
        }
    }
}

/// "active" / "archived" as a badge.
struct StatusBadge: Component {
    let status: Project.Status
    init(_ status: Project.Status) { self.status = status }

    var body: Component {
        Span(status.rawValue).class(status == .active ? "badge badge-pass" : "badge badge-muted")
    }
}
