import Foundation
import Platform
import Plot

/// The project's architectures with their status; editors start a new one from a list of elements.
struct ArchitecturesPage: PageView {
    let access: ProjectAccess
    let rows: [ArchitectureQueries.Row]
    let csrfToken: String
    var form = ArchitecturesController.ArchitectureForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) architectures" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("System", href: SystemDesignRoute.elements(project: access.key).path), Breadcrumb("Architectures")]
    }

    func content() -> Component {
        Div {
            H1("Architectures of \(access.key)")
            ProjectTabs(access: access, current: "System")
            Paragraph("An architecture is a chosen set of elements; its view is drawn from the element tree, the interfaces and the "
                      + "relations each time, and a lead approves it after review.").class("hint")
            if rows.isEmpty {
                Paragraph("No architectures yet.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Status"); TableHeaderCell("Elements")
                    TableHeaderCell("Approved")
                }) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.key, url: SystemDesignRoute.architecture(project: access.key, key: row.key).path) }
                            TableCell(row.title)
                            TableCell { ArchitectureStatusBadge(status: row.status) }
                            TableCell(String(row.nodeCount))
                            TableCell(row.approvedVersion.map { "version \($0) by \(row.approvedBy)" } ?? "—")
                        }
                    }
                }.class("architectures")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New architecture")
                PostForm(action: SystemDesignRoute.architectures(project: access.key).path, csrfToken: csrfToken) {
                    ArchitectureFields(form: form, errors: errors)
                    Button("Create architecture").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

struct ArchitectureStatusBadge: Component {
    let status: Architecture.Status
    var body: Component { Span(ArchitectureStore.label(status)).class("badge architecture-status-\(status.rawValue)") }
}

/// The fields of the new and edit architecture forms.
struct ArchitectureFields: Component {
    let form: ArchitecturesController.ArchitectureForm
    let errors: [ProblemDetails.FieldError]

    var body: Component {
        Div {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            TextAreaField("Elements (keys, one per line or separated by spaces)", name: "nodes", value: form.nodes ?? "",
                          error: fieldError(errors, "nodes"), rows: 5)
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 3)
        }
    }
}
