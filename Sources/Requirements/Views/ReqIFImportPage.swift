import Foundation
import Platform
import Plot

/// Upload a ReqIF or ReqIFZ file; after the upload, what it would change — modules, new / changed (field by
/// field) / unchanged / missing objects, links, warnings — and the button that applies it.
struct ReqIFImportPage: PageView {
    let access: ProjectAccess
    let csrfToken: String
    var module = ""
    /// The prefix of the module a sheet goes into.
    var into = ""
    var modules: [(prefix: String, name: String)] = []
    var errors: [ProblemDetails.FieldError] = []
    var comparison: Comparison?
    /// Shown above the comparison (the mapping was saved).
    var notice: String?

    /// A stored upload compared with the project, and the field mappings it was planned with.
    struct Comparison {
        /// One source tool of the file: its attributes and the mapping they were read with.
        struct Tool {
            var name: String
            var attributes: [String]
            var mapping: ReqIFFieldMapping
        }

        var file: String
        var upload: UUID
        var previews: [ReqIFImporter.Preview]
        var tools: [Tool]

        init(file: String, upload: UUID, previews: [ReqIFImporter.Preview], plans: [ReqIFImportPlan]) {
            self.file = file
            self.upload = upload
            self.previews = previews
            var tools: [Tool] = []
            // A ReqIFZ may hold several documents of one tool: one mapping form per tool.
            for plan in plans {
                if let index = tools.firstIndex(where: { $0.name == plan.sourceTool }) {
                    tools[index].attributes += plan.attributeLabels.filter { !tools[index].attributes.contains($0) }
                } else {
                    tools.append(Tool(name: plan.sourceTool, attributes: plan.attributeLabels, mapping: plan.mapping))
                }
            }
            self.tools = tools
        }
    }

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
            Paragraph("A ReqIF (.reqif) or ReqIFZ (.reqifz) export from DOORS, Polarion, Enterprise Architect, ProR or SESA: "
                      + "each specification becomes a requirement module, and importing a later export of the same tool updates "
                      + "those modules in place. Or a CSV or XLSX sheet (columns as SESA exports them) for one module: rows "
                      + "are matched by key, rows without a key are new. You see every change before anything is stored.").class("hint")
            FormErrors(errors.filter { $0.field != "file" && $0.field != "module" && $0.field != "into" }.map(\.reason.sentenceCased))
            PostForm(action: RequirementRoute.importReqIF(project: access.key).path, csrfToken: csrfToken, multipart: true) {
                Div {
                    Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: "field-file"), .text("File (at most 64 MB)")])
                    Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                        .attribute(named: "type", value: "file"), .attribute(named: "name", value: "file"),
                        .attribute(named: "id", value: "field-file"), .attribute(named: "accept", value: ".reqif,.reqifz,.xml,.zip,.csv,.xlsx"),
                        .attribute(named: "required", value: "required"),
                    ])
                    if let error = fieldError(errors, "file") { Paragraph(HTMLEscape.text(error)).class("field-error").id("field-file-error") }
                }.class(fieldError(errors, "file") == nil ? "field" : "field field-invalid")
                FormField("ReqIF: only the specification called (optional)", name: "module", value: module, error: fieldError(errors, "module"))
                SelectField("CSV or XLSX: into the module", name: "into",
                            options: [("", "—")] + modules.map { ($0.prefix, "\($0.prefix) — \($0.name)") }, selected: into,
                            error: fieldError(errors, "into"))
                Button("Compare with the project").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("narrow")
    }

    func result(_ comparison: Comparison) -> Component {
        Div {
            if let notice { Paragraph(HTMLEscape.text(notice)).class("notice").attribute(named: "role", value: "status") }
            Paragraph("What importing \(HTMLEscape.text(comparison.file)) would change. Nothing is stored until you apply it; "
                      + "applying is all or nothing.").class("lead")
            for tool in comparison.tools where !tool.attributes.isEmpty { mappingForm(tool, upload: comparison.upload) }
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

    /// Which of the tool's attributes become SESA fields: saved for the project and the tool, then compared again.
    func mappingForm(_ tool: Comparison.Tool, upload: UUID) -> Component {
        Element(name: "details") {
            Element(name: "summary") { Text(HTMLEscape.text("Field mapping for \(tool.name) (\(tool.attributes.count) attributes)")) }
            Paragraph("Which attributes of \(HTMLEscape.text(tool.name))'s files become SESA's own fields; the others are kept as "
                      + "custom attributes of the module. Saved for this project and used for every later import from this tool.").class("hint")
            PostForm(action: RequirementRoute.importMapping(project: access.key, upload: upload).path, csrfToken: csrfToken) {
                hidden("tool", tool.name)
                for (index, attribute) in tool.attributes.enumerated() {
                    hidden("attribute-\(index)", attribute)
                    SelectField(attribute, name: "target-\(index)",
                                options: ReqIFFieldMapping.Target.allCases.map { ($0.code, $0.label) },
                                selected: tool.mapping.target(attribute).code)
                }
                Button("Save the mapping and compare again").attribute(named: "type", value: "submit")
            }.class("reqif-mapping")
        }.class("mapping").attribute(named: "open", value: tool.mapping.entries.isEmpty ? "" : "open")
    }

    private func hidden(_ name: String, _ value: String) -> Component {
        Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
            Attribute<HTML.BodyContext>(name: "type", value: "hidden"),
            Attribute(name: "name", value: HTMLEscape.attribute(name)),
            Attribute(name: "value", value: HTMLEscape.attribute(value)),
        ])
    }
}
