import Artifacts
import Platform
import Plot

/// The edit form of a requirement or section. The version travels in a hidden field: if someone saved in
/// between, the save is refused with 409 and both versions are shown.
struct RequirementEditPage: PageView {
    let access: ProjectAccess
    let detail: RequirementDetail
    let version: Int
    let draft: RequirementDraft
    let sectionText: String
    let types: [String]
    let csrfToken: String
    var errors: [ProblemDetails.FieldError] = []

    var key: String { detail.artifact.key }
    var pageTitle: String { "Edit \(key)" }
    var breadcrumbs: [Breadcrumb] {
        access.requirementCrumbs + [Breadcrumb(key, href: RequirementRoute.item(project: access.key, key: key).path), Breadcrumb("Edit")]
    }

    func content() -> Component {
        Div {
            H1("Edit \(key)")
            FormErrors(errors.map { "\($0.field): \($0.reason)".sentenceCased })
            PostForm(action: RequirementRoute.edit(project: access.key, key: key).path, csrfToken: csrfToken) {
                HiddenField("version", String(version))
                FormField("Title", name: "title", value: draft.title, error: fieldError(errors, "title"))
                if detail.item.itemType == .section {
                    TextAreaField("Text", name: "text", value: sectionText, error: fieldError(errors, "text"))
                } else {
                    TextAreaField("Statement", name: "statement", value: draft.statement, error: fieldError(errors, "statement"))
                    Paragraph("Markdown subset: blank line between paragraphs, - lists, **bold**, *italic*, `code`. Changing the title or statement turns links suspect and sends an approved requirement back to review.").class("hint")
                    TextAreaField("Rationale", name: "rationale", value: draft.rationale, error: fieldError(errors, "rationale"), rows: 3)
                    SelectField("Type", name: "type", options: (types.contains(draft.type) ? types : types + [draft.type]).map { ($0, $0) },
                                selected: draft.type, error: fieldError(errors, "type"))
                    SelectField("Priority", name: "priority", options: RequirementPriority.allCases.map { ($0.rawValue, $0.title) },
                                selected: draft.priority, error: fieldError(errors, "priority"))
                    Element(name: "fieldset") {
                        Element(name: "legend") { Text("Verification methods") }
                        for method in VerificationMethod.allCases {
                            CheckboxField(method.title, name: "method_\(method.rawValue)", checked: draft.verificationMethods.contains(method.rawValue))
                        }
                        if let error = fieldError(errors, "verification_methods") { Paragraph(error).class("field-error") }
                    }
                    FormField("Source", name: "source", value: draft.source, error: fieldError(errors, "source"))
                    FormField("Owner", name: "owner", value: draft.owner, error: fieldError(errors, "owner"))
                    FormField("Tags (comma-separated)", name: "tags", value: draft.tags.joined(separator: ", "), error: fieldError(errors, "tags"))
                    for definition in detail.attributes { attributeField(definition) }
                }
                Button("Save").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("narrow")
    }

    func attributeField(_ definition: AttributeDefinition) -> Component {
        let name = "attr_" + definition.name
        let values = draft.attributes[definition.name] ?? []
        let error = fieldError(errors, definition.fieldName)
        switch definition.valueType {
        case .enumeration:
            return SelectField(definition.label, name: name, options: [("", "—")] + definition.optionList.map { ($0, $0) },
                               selected: values.first ?? "", error: error)
        case .multiEnumeration:
            return Element(name: "fieldset") {
                Element(name: "legend") { Text(definition.label) }
                for option in definition.optionList {
                    CheckboxField(option, name: name + "[" + option + "]", checked: values.contains(option))
                }
                if let error { Paragraph(error).class("field-error") }
            }
        case .boolean:
            return SelectField(definition.label, name: name, options: [("", "—"), ("true", "Yes"), ("false", "No")],
                               selected: values.first ?? "", error: error)
        case .date:
            return FormField(definition.label, name: name, type: "date", value: values.first ?? "", error: error)
        case .number, .text:
            return FormField(definition.label, name: name, value: values.first ?? "", error: error)
        }
    }
}
