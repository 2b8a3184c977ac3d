import Platform
import Plot
import SystemDesign

/// One interface: its ends, what flows and how, its links (interface requirements), and the edit and delete
/// forms for editors.
struct InterfacePage: PageView {
    struct LinkLine {
        let label: String
        let otherKey: String
        let suspect: Bool
    }

    let access: ProjectAccess
    let row: InterfaceQueries.Row
    let types: [String]
    /// ("", "none") and the delivery organisations by code.
    var organisations: [(value: String, title: String)] = []
    let links: [LinkLine]
    /// The IDS and ICD documents that cover it.
    var documents: [InterfaceDocumentQueries.Row] = []
    let csrfToken: String
    var form: InterfacesController.InterfaceForm?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(row.key) \(row.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Interfaces", href: InterfacesRoute.list(project: access.key).path), Breadcrumb(row.key)]
    }

    func content() -> Component {
        Div {
            H1("\(row.key) \(row.title)")
            ProjectTabs(access: access, current: "Interfaces")
            Tag("dl") {
                Tag("dt", text: "Side A")
                Tag("dd") { Link("\(row.sideAKey) \(row.sideATitle)", url: SystemDesignRoute.element(project: access.key, key: row.sideAKey).path) }
                Tag("dt", text: "Direction"); Tag("dd", text: "\(row.direction.arrow) \(row.direction.rawValue)")
                Tag("dt", text: "Side B")
                Tag("dd") { Link("\(row.sideBKey) \(row.sideBTitle)", url: SystemDesignRoute.element(project: access.key, key: row.sideBKey).path) }
                Tag("dt", text: "Project interface id"); Tag("dd", text: row.projectInterfaceID.isEmpty ? "—" : row.projectInterfaceID)
                Tag("dt", text: "Organisations"); Tag("dd", text: "side A: \(row.sideAOrganisation.isEmpty ? "—" : row.sideAOrganisation), "
                                                        + "side B: \(row.sideBOrganisation.isEmpty ? "—" : row.sideBOrganisation)")
                Tag("dt", text: "Owner"); Tag("dd", text: row.ownerCode.isEmpty ? "—" : row.ownerCode)
                Tag("dt", text: "Type"); Tag("dd", text: row.type)
                Tag("dt", text: "Medium or protocol"); Tag("dd", text: row.medium.isEmpty ? "—" : row.medium)
                Tag("dt", text: "Status"); Tag("dd") { Span(row.status.rawValue).class("badge interface-status-\(row.status.rawValue)") }
                Tag("dt", text: "Version"); Tag("dd", text: String(row.version))
            }.class("facts")
            if !row.description.isEmpty { Paragraph(row.description).class("description") }
            H2("Documents")
            if documents.isEmpty {
                Paragraph {
                    Text("No IDS or ICD covers this interface yet: ")
                    Link("register one", url: InterfacesRoute.documents(project: access.key).path)
                    Text(".")
                }.class("empty")
            } else {
                List(documents) { row in
                    ListItem {
                        Link("\(row.document.kind.label) \(row.document.number) rev \(row.document.revision)",
                             url: InterfacesRoute.document(project: access.key, id: row.document.id!).path)
                        Text(" — \(row.document.title) (\(row.document.status.rawValue), \(row.files.count) file\(row.files.count == 1 ? "" : "s"))")
                    }
                }.class("documents")
            }
            H2("Interface requirements and links")
            if links.isEmpty {
                Paragraph("No requirement specifies this interface yet: link one from the requirement's page with “specifies”.").class("empty")
            } else {
                List(links) { line in ListItem("\(line.label) \(line.otherKey)" + (line.suspect ? " (suspect)" : "")) }
            }
            if access.allows(.editor) && access.status == .active { forms }
        }
    }

    @ComponentBuilder var forms: Component {
        let values = form ?? InterfacesController.InterfaceForm(
            title: row.title, side_a: row.sideAKey, side_b: row.sideBKey, type: row.type, direction: row.direction.rawValue,
            medium: row.medium, status: row.status.rawValue, description: row.description, owner: row.ownerCode,
            interface_id: row.projectInterfaceID, side_a_org: row.sideAOrg, side_b_org: row.sideBOrg, version: row.version)
        H2("Edit")
        PostForm(action: InterfacesRoute.edit(project: access.key, key: row.key).path, csrfToken: csrfToken) {
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: "version"), Attribute(name: "value", value: String(row.version)),
            ])
            InterfaceFormFields(project: access.key, form: values, types: types, organisations: organisations, errors: errors)
            Button("Save").attribute(named: "type", value: "submit").class("primary")
        }
        ActionButton("Delete \(row.key)", action: InterfacesRoute.delete(project: access.key, key: row.key).path, csrfToken: csrfToken,
                     fields: [("version", String(row.version))], style: "danger")
    }
}
