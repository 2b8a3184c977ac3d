import Foundation
import Platform
import Plot

/// Upload a ReqIF or ReqIFZ file; after the upload, what it would change — modules, new / changed (field by
/// field) / unchanged / missing objects, links, warnings — and the button that applies it.
struct ReqIFImportPage: PageView {
    let access: ProjectAccess
    let csrfToken: String
    var module = ""
    var errors: [ProblemDetails.FieldError] = []
    var comparison: (file: String, upload: UUID, previews: [ReqIFImporter.Preview])?

    var pageTitle: String { "\(access.key) requirements import" }
    var breadcrumbs: [Breadcrumb] { access.requirementCrumbs + [Breadcrumb("Import")] }

    func content() -> Component {
        Div {
            H1("Import requirements")
            ProjectTabs(access: access, current: "Requirements")
            RequirementTabs(access: access, current: "Import")
            if let comparison { result(comparison) } else { form() }
        }
    }

    func form() -> Component {
        Div {
            Paragraph("A ReqIF (.reqif) or ReqIFZ (.reqifz) export from DOORS, Polarion, Enterprise Architect, ProR or SESA. "
                      + "Each specification becomes a requirement module; importing a later export of the same tool updates "
                      + "those modules in place. You see every change before anything is stored.").class("hint")
            FormErrors(errors.filter { $0.field != "file" && $0.field != "module" }.map(\.reason.sentenceCased))
            PostForm(action: RequirementRoute.importReqIF(project: access.key).path, csrfToken: csrfToken, multipart: true) {
                Div {
                    Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: "field-file"), .text("File (at most 64 MB)")])
                    Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                        .attribute(named: "type", value: "file"), .attribute(named: "name", value: "file"),
                        .attribute(named: "id", value: "field-file"), .attribute(named: "accept", value: ".reqif,.reqifz,.xml,.zip"),
                        .attribute(named: "required", value: "required"),
                    ])
                    if let error = fieldError(errors, "file") { Paragraph(HTMLEscape.text(error)).class("field-error").id("field-file-error") }
                }.class(fieldError(errors, "file") == nil ? "field" : "field field-invalid")
                FormField("Only the specification called (optional)", name: "module", value: module, error: fieldError(errors, "module"))
                Button("Compare with the project").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("narrow")
    }

    func result(_ comparison: (file: String, upload: UUID, previews: [ReqIFImporter.Preview])) -> Component {
        Div {
            Paragraph("What importing \(HTMLEscape.text(comparison.file)) would change. Nothing is stored until you apply it; "
                      + "applying is all or nothing.").class("lead")
            for preview in comparison.previews {
                Paragraph(preview.summary).class("summary")
                List(preview.modules.map { ($0.isNew ? "New module " : "Module ") + $0.name + ($0.prefix.map { " (\($0))" } ?? "") }) { Text(HTMLEscape.text($0)) }
                if !preview.warnings.isEmpty {
                    H2("Warnings")
                    List(preview.warnings) { Text(HTMLEscape.text($0)) }.class("warnings")
                }
                let shown = preview.items.filter { $0.state != .unchanged || $0.moved }
                if !shown.isEmpty {
                    Table(header: TableRow {
                        TableHeaderCell("Change"); TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Module")
                        TableHeaderCell("Fields")
                    }) {
                        for item in shown.prefix(2_000) {
                            TableRow {
                                TableCell(item.state.rawValue + (item.moved ? ", moved" : "")).class("state-" + item.state.rawValue)
                                TableCell(HTMLEscape.text(item.key ?? "—"))
                                TableCell(HTMLEscape.text(item.title))
                                TableCell(HTMLEscape.text(item.module))
                                TableCell {
                                    List(item.changes) { change in
                                        Text(HTMLEscape.text("\(change.field): \(change.before.prefix(300)) → \(change.after.prefix(300))"))
                                    }
                                }
                            }
                        }
                    }.class("import-diff")
                    if shown.count > 2_000 { Paragraph("… and \(shown.count - 2_000) more.").class("hint") }
                }
                if !preview.newLinks.isEmpty || !preview.missingLinks.isEmpty {
                    H2("Links")
                    List(preview.newLinks.prefix(500).map { "new: " + $0 } + preview.missingLinks.prefix(500).map { "missing (kept): " + $0 }) { Text(HTMLEscape.text($0)) }
                }
            }
            PostForm(action: RequirementRoute.importApply(project: access.key, upload: comparison.upload).path, csrfToken: csrfToken) {
                Button("Apply the import").attribute(named: "type", value: "submit").class("primary")
                Link("Cancel", url: RequirementRoute.importReqIF(project: access.key).path)
            }
        }
    }
}
