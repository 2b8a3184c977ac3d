import Platform
import Plot

/// Under a module's document: its details (editors) and its custom attributes (leads define, relabel, change
/// the values of enumerations, and remove unused ones). Errors of an attribute's form are named
/// `attribute-<id>:<field>` so they show beside the right form.
struct ModuleSettingsForms: Component {
    let access: ProjectAccess
    let module: RequirementModule
    let attributes: [AttributeDefinition]
    let csrfToken: String
    let moduleForm: DocumentPage.ModuleForm
    let isEmpty: Bool
    let errors: [ProblemDetails.FieldError]

    var body: Component {
        Div {
            H2("Module details")
            PostForm(action: RequirementRoute.moduleDetails(project: access.key, module: module.prefix).path, csrfToken: csrfToken) {
                FormField("Name", name: "module_name", value: moduleForm.name, error: fieldError(errors, "module_name"))
                TextAreaField("Description", name: "module_description", value: moduleForm.description,
                              error: fieldError(errors, "module_description"), rows: 3)
                CheckboxField("Requirements here should derive from a parent (gap analysis lists those without one)",
                              name: "module_parent_expected", checked: moduleForm.parentExpected)
                Paragraph("The prefix \(module.prefix) stays: it is part of every key in the module.").class("hint")
                Button("Save module details").attribute(named: "type", value: "submit")
            }.id("module-details")
            if access.allows(.lead) {
                FormErrors(errors.filter { $0.field == "module_delete" }.map(\.reason.sentenceCased))
                if isEmpty {
                    PostForm(action: RequirementRoute.moduleDelete(project: access.key, module: module.prefix).path, csrfToken: csrfToken) {
                        Button("Delete this empty module").attribute(named: "type", value: "submit")
                            .attribute(named: "data-confirm", value: "Delete the module \(module.prefix)? Its prefix stays reserved.")
                            .class("danger")
                    }.id("module-delete")
                }
                attributeForms()
            }
        }
    }

    func attributeForms() -> Component {
        Div {
            H2("Custom attributes")
            if attributes.isEmpty { Paragraph("None yet.").class("hint") }
            for definition in attributes {
                let id = definition.id.map { $0.uuidString.lowercased() } ?? ""
                let isEnumeration = definition.valueType == .enumeration || definition.valueType == .multiEnumeration
                Element(name: "fieldset") {
                    Element(name: "legend") { Text("\(definition.label) (\(definition.name), \(definition.valueType.title))") }
                    FormErrors(errors.filter { $0.field == "attribute-\(id):attribute" }.map(\.reason.sentenceCased))
                    if let uuid = definition.id {
                        PostForm(action: RequirementRoute.attribute(project: access.key, module: module.prefix, id: uuid).path,
                                 csrfToken: csrfToken) {
                            FormField("Label", name: "label", value: definition.label, error: fieldError(errors, "attribute-\(id):label"),
                                      id: "attribute-\(definition.name)-label")
                            if isEnumeration {
                                TextAreaField("Values (one per line)", name: "options", value: definition.optionList.joined(separator: "\n"),
                                              error: fieldError(errors, "attribute-\(id):options"), rows: 3,
                                              id: "attribute-\(definition.name)-options")
                            }
                            Button("Save \(definition.name)").attribute(named: "type", value: "submit")
                        }
                        PostForm(action: RequirementRoute.attributeRemove(project: access.key, module: module.prefix, id: uuid).path,
                                 csrfToken: csrfToken) {
                            Button("Remove \(definition.name)").attribute(named: "type", value: "submit")
                                .attribute(named: "data-confirm", value: "Remove the attribute \(definition.label)?").class("danger")
                        }.class("inline-form")
                    }
                }.class("attribute-definition").id("attribute-\(definition.name)")
            }
            H3("Add an attribute")
            PostForm(action: RequirementRoute.attributes(project: access.key, module: module.prefix).path, csrfToken: csrfToken) {
                FormField("Name", name: "name", error: fieldError(errors, "name"), hint: "lower-case, e.g. sil")
                FormField("Label", name: "label", error: fieldError(errors, "label"))
                SelectField("Type", name: "value_type", options: AttributeDefinition.ValueType.allCases.map { ($0.rawValue, $0.title) },
                            error: fieldError(errors, "value_type"))
                TextAreaField("Values (enumerations, one per line)", name: "options", error: fieldError(errors, "options"), rows: 3)
                Button("Add attribute").attribute(named: "type", value: "submit")
            }.id("new-attribute")
        }
    }
}
