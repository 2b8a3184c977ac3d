import Foundation
import Platform
import Plot

/// A module as a document: sections and requirements in order with outline numbers, statuses, quality and
/// suspect badges. Editors add sections and requirements and change many at once.
struct DocumentPage: PageView {
    typealias ModuleForm = (name: String, description: String, parentExpected: Bool)

    let access: ProjectAccess
    let module: RequirementModule
    let rows: [RequirementQueries.DocumentRow]
    let types: [String]
    let attributes: [AttributeDefinition]
    let csrfToken: String
    var draft = RequirementDraft()
    var parentKey = ""
    var sectionTitle = ""
    /// What was typed into the module details form when it came back with errors.
    var moduleForm: ModuleForm?
    var errors: [ProblemDetails.FieldError] = []
    /// Files that came with the module in a ReqIFZ archive.
    var attachments: [ReqIFAttachments.Entry] = []

    var pageTitle: String { "\(module.prefix) · \(module.name)" }
    var breadcrumbs: [Breadcrumb] { access.requirementCrumbs + [Breadcrumb(module.name)] }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("\(module.name) (\(module.prefix))")
            ProjectTabs(access: access, current: "Requirements")
            if !module.description.isEmpty { Paragraph(HTMLEscape.text(module.description)).class("lead") }
            Paragraph {
                Text("\(rows.filter { $0.type == .requirement }.count) requirements · ")
                Link("Quality and coverage", url: RequirementRoute.quality(project: access.key, module: module.prefix).path)
                Text(" · ")
                Link("Search this module", url: RequirementRoute.search(project: access.key).path + "?module=" + module.prefix)
                Text(" · Export as ")
                Link("ReqIF", url: RequirementRoute.export(project: access.key, module: module.prefix, format: "reqif").path)
                    .attribute(named: "download", value: "")
                Text(" or ")
                Link("ReqIFZ", url: RequirementRoute.export(project: access.key, module: module.prefix, format: "reqifz").path)
                    .attribute(named: "download", value: "")
            }
            if !attachments.isEmpty {
                Paragraph {
                    Text("Attachments from ReqIFZ: ")
                    for (index, attachment) in attachments.enumerated() {
                        if index > 0 { Text(" · ") }
                        Link(HTMLEscape.text(attachment.path),
                             url: RequirementRoute.attachment(project: access.key, module: module.prefix, id: attachment.id).path)
                        Text(" (\(ByteCountFormatter.string(fromByteCount: Int64(attachment.size), countStyle: .file)))")
                    }
                }.class("attachments")
            }
            if rows.isEmpty { Paragraph("This document is empty: add a section or a requirement below.").class("empty") }
            if canEdit && !rows.isEmpty {
                PostForm(action: RequirementRoute.bulk(project: access.key, module: module.prefix).path, csrfToken: csrfToken) {
                    document(selectable: true)
                    Element(name: "fieldset") {
                        Element(name: "legend") { Text("Change the selected requirements") }
                        SelectField("Change", name: "change", options: [
                            ("status:in-review", "Submit for review"), ("status:draft", "Return to draft"),
                            ("status:approved", "Approve (leads)"), ("status:obsolete", "Make obsolete (leads)"),
                            ("add-tag", "Add tag"), ("remove-tag", "Remove tag"),
                        ])
                        FormField("Tag (for tag changes)", name: "tag")
                        Button("Apply to selected").attribute(named: "type", value: "submit")
                    }.class("bulk")
                }
                InlineStatusForm(access: access, csrfToken: csrfToken)
            } else {
                document(selectable: false)
            }
            if canEdit { forms() }
        }
    }

    func document(selectable: Bool) -> Component {
        DocumentRowNodes(projectKey: access.key, selectable: selectable).document(rows)
    }

    func forms() -> Component {
        let parents: [(value: String, title: String)] = [("", "Top of the document")] + rows.map {
            ($0.key, "\($0.number) \($0.key) \($0.title)")
        }
        return Div {
            H2("Add a requirement")
            // Errors no field shows (the module and attribute forms below show their own).
            FormErrors(errors.filter {
                !["title", "statement", "type", "priority", "parent", "section_title", "name", "label", "options", "value_type"].contains($0.field)
                    && !$0.field.hasPrefix("module_") && !$0.field.hasPrefix("attribute-")
            }.map(\.reason.sentenceCased))
            PostForm(action: RequirementRoute.newItem(project: access.key, module: module.prefix).path, csrfToken: csrfToken) {
                HiddenField("item_type", "requirement")
                FormField("Title", name: "title", value: draft.title, error: fieldError(errors, "title"))
                TextAreaField("Statement", name: "statement", value: draft.statement, error: fieldError(errors, "statement"), rows: 4)
                SelectField("Type", name: "type", options: types.map { ($0, $0) }, selected: draft.type, error: fieldError(errors, "type"))
                SelectField("Priority", name: "priority", options: RequirementPriority.allCases.map { ($0.rawValue, $0.title) },
                            selected: draft.priority, error: fieldError(errors, "priority"))
                SelectField("Place under", name: "parent", options: parents, selected: parentKey, error: fieldError(errors, "parent"))
                Button("Add requirement").attribute(named: "type", value: "submit").class("primary")
            }.id("new-requirement")
            H2("Add a section")
            PostForm(action: RequirementRoute.newItem(project: access.key, module: module.prefix).path, csrfToken: csrfToken) {
                HiddenField("item_type", "section")
                FormField("Section title", name: "section_title", value: sectionTitle, error: fieldError(errors, "section_title"))
                SelectField("Place under", name: "parent", options: [("", "Top of the document")] + rows.filter { $0.type == .section }.map {
                    ($0.key, "\($0.number) \($0.title)")
                }, id: "field-section-parent")
                Button("Add section").attribute(named: "type", value: "submit")
            }.id("new-section")
            ModuleSettingsForms(access: access, module: module, attributes: attributes, csrfToken: csrfToken,
                                moduleForm: moduleForm ?? (module.name, module.description, module.parentExpected),
                                isEmpty: rows.isEmpty, errors: errors)
        }
    }
}
