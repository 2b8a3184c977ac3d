import Artifacts
import Platform
import Plot

/// One element: where it sits in the tree, its children, its links (relations, allocated requirements,
/// interfaces), and the edit, move, relate and delete forms for editors.
struct ElementPage: PageView {
    let access: ProjectAccess
    let detail: ElementDetail
    let levels: [String]
    let csrfToken: String
    /// The owner choices: ("", "none") and each delivery organisation by code.
    var organisations: [(value: String, title: String)] = []
    /// The organisation it belongs to through an ancestor, when it has no owner of its own.
    var inheritedOwner: String?
    var form: ElementsController.ElementForm?
    var errors: [ProblemDetails.FieldError] = []

    var element: SystemElementQueries.Row { detail.element }
    var pageTitle: String { "\(element.key) \(element.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("System", href: SystemDesignRoute.elements(project: access.key).path), Breadcrumb(element.key)]
    }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("\(element.key) \(element.title)")
            ProjectTabs(access: access, current: "System")
            FormErrors(errors.filter { ["move", "delete", "relation"].contains($0.field) }.map(\.reason.sentenceCased))
            facts
            if !element.description.isEmpty { Paragraph(element.description).class("description") }
            if !ElementPageLinks.all.isEmpty {
                Paragraph {
                    for (index, entry) in ElementPageLinks.all.enumerated() {
                        if index > 0 { Text(" · ") }
                        Link(entry.title, url: entry.path(access.key, element.key))
                    }
                }.class("see-also")
            }
            children
            links
            if canEdit { forms }
        }
    }

    var facts: Component {
        Tag("dl") {
            Tag("dt", text: "Level"); Tag("dd", text: element.level)
            Tag("dt", text: "Owner")
            Tag("dd", text: !element.ownerCode.isEmpty ? element.ownerCode : inheritedOwner.map { "\($0) (through its parent)" } ?? "—")
            Tag("dt", text: "Status")
            Tag("dd") { Span(element.status.rawValue).class("badge element-status-\(element.status.rawValue)") }
            Tag("dt", text: "Part of")
            Tag("dd") {
                if detail.ancestors.isEmpty { Text("— (top level)") }
                for (index, ancestor) in detail.ancestors.enumerated() {
                    if index > 0 { Text(" › ") }
                    Link("\(ancestor.key) \(ancestor.title)", url: SystemDesignRoute.element(project: access.key, key: ancestor.key).path)
                }
            }
            Tag("dt", text: "Version"); Tag("dd", text: String(element.version))
        }.class("facts")
    }

    @ComponentBuilder var children: Component {
        H2("Parts")
        if detail.children.isEmpty {
            Paragraph("No parts.").class("empty")
        } else {
            List(detail.children) { child in
                ListItem {
                    Link("\(child.key) \(child.title)", url: SystemDesignRoute.element(project: access.key, key: child.key).path)
                    Text(" (\(child.level))")
                }
            }
        }
    }

    @ComponentBuilder var links: Component {
        H2("Relations and links").id("relations")
        if detail.links.isEmpty {
            Paragraph("No relations, allocated requirements or other links yet.").class("empty")
        } else {
            Table(header: TableRow { TableHeaderCell("Relation"); TableHeaderCell("With"); TableHeaderCell("") }) {
                for line in detail.links {
                    TableRow {
                        TableCell(line.label + (line.suspect ? " (suspect)" : ""))
                        TableCell {
                            if line.otherIsElement {
                                Link("\(line.otherKey) \(line.otherTitle)", url: SystemDesignRoute.element(project: access.key, key: line.otherKey).path)
                            } else {
                                Text("\(line.otherKey) \(line.otherTitle)")
                            }
                        }
                        TableCell {
                            if canEdit && line.removable {
                                ActionButton("Remove", action: SystemDesignRoute.relationRemove(project: access.key, link: line.id).path,
                                             csrfToken: csrfToken, fields: [("element", element.key)], style: "danger")
                            }
                        }
                    }
                }
            }.class("links")
        }
    }

    @ComponentBuilder var forms: Component {
        let values = form ?? ElementsController.ElementForm(
            title: element.title, level: element.level, status: element.status.rawValue, description: element.description,
            parent: nil, owner: element.ownerCode, version: element.version)
        H2("Edit")
        PostForm(action: SystemDesignRoute.edit(project: access.key, key: element.key).path, csrfToken: csrfToken) {
            hidden("version", String(element.version))
            FormField("Title", name: "title", value: values.title ?? "", error: fieldError(errors, "title"))
            SelectField("Level", name: "level", options: levels.map { ($0, $0) }, selected: values.level ?? "",
                        error: fieldError(errors, "level"))
            SelectField("Status", name: "status", options: SystemElement.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: values.status ?? "")
            SelectField("Owner organisation", name: "owner", options: organisations, selected: values.owner ?? "", error: fieldError(errors, "owner"))
            TextAreaField("Description", name: "description", value: values.description ?? "", error: fieldError(errors, "description"), rows: 4)
            Button("Save").attribute(named: "type", value: "submit").class("primary")
        }
        H2("Move")
        PostForm(action: SystemDesignRoute.move(project: access.key, key: element.key).path, csrfToken: csrfToken) {
            hidden("version", String(element.version))
            ElementPickerField("New parent", name: "parent", value: detail.parentKey ?? "",
                               hint: "Key of the element to move under (with all parts); empty for the top level.",
                               project: access.key, id: "move-parent")
            Button("Move").attribute(named: "type", value: "submit")
        }
        H2("Relate")
        PostForm(action: SystemDesignRoute.relations(project: access.key, key: element.key).path, csrfToken: csrfToken) {
            SelectField("Relation", name: "kind", options: SystemDesignKinds.relationKinds.map { ($0.id, $0.label) })
            ElementPickerField("Element", name: "target", project: access.key, id: "relation-target")
            Button("Add relation").attribute(named: "type", value: "submit")
        }
        if detail.children.isEmpty {
            PostForm(action: SystemDesignRoute.delete(project: access.key, key: element.key).path, csrfToken: csrfToken) {
                hidden("version", String(element.version))
                Button("Delete \(element.key)").attribute(named: "type", value: "submit").class("danger")
                    .attribute(named: "data-confirm", value: "Delete \(element.key)? Its key stays reserved.")
            }.class("inline-form")
        }
    }

    func hidden(_ name: String, _ value: String) -> Component {
        Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
            Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: name),
            Attribute(name: "value", value: HTMLEscape.attribute(value)),
        ])
    }
}
