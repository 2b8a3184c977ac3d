import Foundation
import Platform
import Plot

/// The project's interfaces (all, filtered, at one element, or one N² cell), the new-interface form for editors
/// and the interface types for leads.
struct InterfacesPage: PageView {
    let access: ProjectAccess
    let rows: [InterfaceQueries.Row]
    /// What the list is narrowed to, when it is ("at EL-004", "from EL-002 … to EL-005 …").
    let scope: String?
    let types: [String]
    let filter: InterfaceQueries.Filter
    /// ("", "none") and the delivery organisations by code.
    var organisations: [(value: String, title: String)] = []
    let csrfToken: String
    var form = InterfacesController.InterfaceForm()
    var typesText = ""
    /// A checked sheet waiting to be applied.
    var checked: SheetImportForm.Checked?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) interfaces" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Interfaces")] }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("Interfaces of \(access.key)")
            ProjectTabs(access: access, current: "Interfaces")
            Paragraph {
                Link("N² matrix", url: InterfacesRoute.n2(project: access.key).path)
                Text(" · ")
                Link("Reports and gaps", url: InterfacesRoute.gaps(project: access.key).path)
                Text(" · ")
                Link("IDS and ICD documents", url: InterfacesRoute.documents(project: access.key).path)
                Text(" · Download the register as ")
                Link("CSV", url: InterfacesRoute.sheet(project: access.key, format: "csv").path)
                Text(" or ")
                Link("XLSX", url: InterfacesRoute.sheet(project: access.key, format: "xlsx").path)
                if let scope {
                    Text(" · Showing the interfaces \(scope). ")
                    Link("Show all", url: InterfacesRoute.list(project: access.key).path)
                }
            }
            if scope == nil { filterForm }
            table
            if canEdit {
                newForm
                importForm
            }
            if access.allows(.lead) && access.status == .active { typesForm }
        }
    }

    var filterForm: Component {
        Form(url: InterfacesRoute.list(project: access.key).path, method: .get) {
            SelectField("Type", name: "type", options: [("", "any")] + types.map { ($0, $0) }, selected: filter.types.first ?? "",
                        id: "filter-type")
            SelectField("Status", name: "status", options: [("", "any")] + SystemInterface.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: filter.statuses.first?.rawValue ?? "", id: "filter-status")
            SelectField("Delivery organisation", name: "organisation", options: [("", "any")] + organisations.dropFirst(),
                        selected: filter.organisation, id: "filter-organisation")
            Button("Filter").attribute(named: "type", value: "submit")
        }.class("filters")
    }

    @ComponentBuilder var table: Component {
        if rows.isEmpty {
            Paragraph("No interfaces here yet. An interface joins two system elements: what flows, which way, over what.").class("empty")
        } else {
            Table(header: TableRow {
                TableHeaderCell("Key"); TableHeaderCell("Interface id"); TableHeaderCell("Name"); TableHeaderCell("Side A"); TableHeaderCell("")
                TableHeaderCell("Side B"); TableHeaderCell("Type"); TableHeaderCell("Medium"); TableHeaderCell("Status")
            }) {
                for row in rows {
                    TableRow {
                        TableCell { Link(row.key, url: InterfacesRoute.interface(project: access.key, key: row.key).path) }
                        TableCell(row.projectInterfaceID)
                        TableCell(row.title)
                        TableCell("\(row.sideAKey) \(row.sideATitle)")
                        TableCell(row.direction.arrow).attribute(named: "title", value: row.direction.rawValue)
                        TableCell("\(row.sideBKey) \(row.sideBTitle)")
                        TableCell(row.type)
                        TableCell(row.medium)
                        TableCell { Span(row.status.rawValue).class("badge interface-status-\(row.status.rawValue)") }
                    }
                }
            }.class("interfaces")
        }
    }

    @ComponentBuilder var newForm: Component {
        H2("New interface")
        PostForm(action: InterfacesRoute.list(project: access.key).path, csrfToken: csrfToken) {
            InterfaceFormFields(project: access.key, form: form, types: types, organisations: organisations, errors: errors)
            Button("Create interface").attribute(named: "type", value: "submit").class("primary")
        }
    }

    @ComponentBuilder var typesForm: Component {
        H2("Interface types")
        PostForm(action: InterfacesRoute.types(project: access.key).path, csrfToken: csrfToken) {
            TextAreaField("Types, one per line", name: "types", value: typesText, error: fieldError(errors, "types"), rows: 6)
            Button("Save types").attribute(named: "type", value: "submit")
        }
    }
}

extension InterfacesPage {
    var importForm: Component {
        SheetImportForm(
            action: InterfacesRoute.importSheet(project: access.key).path, csrfToken: csrfToken,
            hint: "CSV or XLSX with the download's columns (" + InterfaceTableImport.columns.joined(separator: ", ")
                + "). Rows match by key; a row without a key is a new interface; columns left out keep their values.",
            checked: checked, errors: errors.filter { $0.field == "file" }.map(\.reason))
    }
}
