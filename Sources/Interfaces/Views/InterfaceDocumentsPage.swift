import Foundation
import Platform
import Plot

/// The project's IDS and ICD documents; editors register new ones here.
struct InterfaceDocumentsPage: PageView {
    let access: ProjectAccess
    let rows: [InterfaceDocumentQueries.Row]
    let csrfToken: String
    var form = InterfaceDocumentsController.DocumentForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) interface documents" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Interfaces", href: InterfacesRoute.list(project: access.key).path), Breadcrumb("Documents")]
    }

    func content() -> Component {
        Div {
            H1("Interface documents of \(access.key)")
            ProjectTabs(access: access, current: "Interfaces")
            if rows.isEmpty {
                Paragraph("No IDS or ICD documents yet. A document has a number and revision, covers interfaces and keeps its files.")
                    .class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Kind"); TableHeaderCell("Number"); TableHeaderCell("Revision"); TableHeaderCell("Title")
                    TableHeaderCell("Status"); TableHeaderCell("Interfaces"); TableHeaderCell("Files")
                }) {
                    for row in rows {
                        TableRow {
                            TableCell(row.document.kind.label)
                            TableCell { Link(row.document.number, url: InterfacesRoute.document(project: access.key, id: row.document.id!).path) }
                            TableCell(row.document.revision)
                            TableCell(row.document.title)
                            TableCell { Span(row.document.status.rawValue).class("badge document-status-\(row.document.status.rawValue)") }
                            TableCell(row.interfaces.joined(separator: ", "))
                            TableCell(String(row.files.count))
                        }
                    }
                }.class("interface-documents")
            }
            if access.allows(.editor) && access.status == .active {
                H2("New document")
                PostForm(action: InterfacesRoute.documents(project: access.key).path, csrfToken: csrfToken) {
                    InterfaceDocumentFields(form: form, errors: errors)
                    Button("Create document").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }
}

/// The fields of the new and edit document forms.
struct InterfaceDocumentFields: Component {
    let form: InterfaceDocumentsController.DocumentForm
    let errors: [ProblemDetails.FieldError]

    var body: Component {
        Div {
            SelectField("Kind", name: "kind", options: InterfaceDocument.Kind.allCases.map { ($0.rawValue, $0.label) },
                        selected: form.kind ?? "icd", error: fieldError(errors, "kind"))
            FormField("Number", name: "number", value: form.number ?? "", error: fieldError(errors, "number"), hint: "e.g. ICD-RAD-001")
            FormField("Revision", name: "revision", value: form.revision ?? "", error: fieldError(errors, "revision"), hint: "e.g. A")
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Status", name: "status", options: InterfaceDocument.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "draft", error: fieldError(errors, "status"))
            TextAreaField("Interfaces it covers (keys)", name: "interfaces", value: form.interfaces ?? "", error: fieldError(errors, "interfaces"), rows: 2)
        }
    }
}
