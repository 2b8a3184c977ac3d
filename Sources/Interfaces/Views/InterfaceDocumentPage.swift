import Foundation
import Platform
import Plot

/// One IDS or ICD document: what it covers, its files (downloads for members), and for editors the upload, edit
/// and delete forms.
struct InterfaceDocumentPage: PageView {
    let access: ProjectAccess
    let row: InterfaceDocumentQueries.Row
    let csrfToken: String
    var form: InterfaceDocumentsController.DocumentForm?
    var errors: [ProblemDetails.FieldError] = []

    var document: InterfaceDocument { row.document }
    var id: UUID { document.id! }
    var pageTitle: String { "\(document.number) rev \(document.revision)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Interface documents", href: InterfacesRoute.documents(project: access.key).path),
                         Breadcrumb("\(document.number) rev \(document.revision)")]
    }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("\(document.kind.label) \(document.number) revision \(document.revision)")
            ProjectTabs(access: access, current: "Interfaces")
            FormErrors(errors.filter { $0.field == "file" }.map(\.reason.sentenceCased))
            Tag("dl") {
                Tag("dt", text: "Title"); Tag("dd", text: document.title)
                Tag("dt", text: "Status"); Tag("dd") { Span(document.status.rawValue).class("badge document-status-\(document.status.rawValue)") }
                Tag("dt", text: "Covers")
                Tag("dd") {
                    if row.interfaces.isEmpty { Text("no interface yet") }
                    for (index, key) in row.interfaces.enumerated() {
                        if index > 0 { Text(", ") }
                        Link(key, url: InterfacesRoute.interface(project: access.key, key: key).path)
                    }
                }
            }.class("facts")
            H2("Files")
            if row.files.isEmpty {
                Paragraph("No files yet.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("File"); TableHeaderCell("Size"); TableHeaderCell("Added"); TableHeaderCell("By")
                    if canEdit { TableHeaderCell("") }
                }) {
                    for file in row.files {
                        TableRow {
                            TableCell { Link(file.name, url: InterfacesRoute.documentFile(project: access.key, id: id, file: file.id!).path) }
                            TableCell(Self.size(file.size))
                            TableCell(String(ISO8601DateFormatter().string(from: file.uploadedAt).prefix(10)))
                            TableCell(file.uploadedBy)
                            if canEdit {
                                TableCell {
                                    ActionButton("Remove", action: InterfacesRoute.documentFile(project: access.key, id: id, file: file.id!).path + "/remove",
                                                 csrfToken: csrfToken, style: "danger")
                                }
                            }
                        }
                    }
                }.class("document-files")
            }
            if canEdit { forms }
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) bytes"
    }

    @ComponentBuilder var forms: Component {
        H2("Add a file")
        PostForm(action: InterfacesRoute.documentAction(project: access.key, id: id, action: "files").path, csrfToken: csrfToken, multipart: true) {
            Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: "field-file"), .text("File (at most 64 MB)")])
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "id", value: "field-file"),
            ])
            Button("Upload").attribute(named: "type", value: "submit")
        }
        let values = form ?? InterfaceDocumentsController.DocumentForm(
            kind: document.kind.rawValue, number: document.number, revision: document.revision, title: document.title,
            status: document.status.rawValue, interfaces: row.interfaces.joined(separator: " "))
        H2("Edit")
        PostForm(action: InterfacesRoute.documentAction(project: access.key, id: id, action: "edit").path, csrfToken: csrfToken) {
            InterfaceDocumentFields(form: values, errors: errors)
            Button("Save").attribute(named: "type", value: "submit").class("primary")
        }
        ActionButton("Delete this document", action: InterfacesRoute.documentAction(project: access.key, id: id, action: "delete").path,
                     csrfToken: csrfToken, style: "danger")
    }
}
