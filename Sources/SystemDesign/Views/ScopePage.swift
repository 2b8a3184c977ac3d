import Foundation
import Governance
import Platform
import Plot

/// Scope allocations: each element's delivering organisations per phase. Editors change an allocation in its
/// row (the selects save on change with `app.js`; the button without it) and allocate new scope below.
struct ScopePage: PageView {
    let access: ProjectAccess
    let rows: [ScopeQueries.Row]
    let organisations: [(value: String, title: String)]
    let phases: [(value: String, title: String)]
    let csrfToken: String
    var form = ScopeController.ScopeForm()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) scope allocation" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("System", href: SystemDesignRoute.elements(project: access.key).path), Breadcrumb("Scope")]
    }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }
    var statuses: [(value: String, title: String)] { ScopeAllocation.Status.allCases.map { ($0.rawValue, $0.rawValue) } }

    func content() -> Component {
        Div {
            H1("Scope allocation of \(access.key)")
            ProjectTabs(access: access, current: "System")
            Paragraph("Which delivery organisation delivers which element, in which phase; proposed until agreed.")
            if rows.isEmpty {
                Paragraph("No scope allocated yet.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Element"); TableHeaderCell("Organisation"); TableHeaderCell("Phase"); TableHeaderCell("Status")
                    if canEdit { TableHeaderCell("") }
                }) {
                    for row in rows { line(row) }
                }.class("scope")
            }
            if canEdit {
                H2("Allocate scope")
                PostForm(action: SystemDesignRoute.scope(project: access.key).path, csrfToken: csrfToken) {
                    ElementPickerField("Element", name: "element", value: form.element ?? "", error: fieldError(errors, "element"),
                                       project: access.key)
                    SelectField("Organisation", name: "organisation", options: [("", "choose…")] + organisations,
                                selected: form.organisation ?? "", error: fieldError(errors, "organisation"))
                    SelectField("Phase", name: "phase", options: [("", "every phase")] + phases, selected: form.phase ?? "",
                                error: fieldError(errors, "phase"))
                    SelectField("Status", name: "status", options: statuses, selected: form.status ?? "proposed")
                    Button("Allocate").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }

    func line(_ row: ScopeQueries.Row) -> Component {
        let id = row.id.uuidString.lowercased()
        let elementLink = Link("\(row.elementKey) \(row.elementTitle)", url: SystemDesignRoute.element(project: access.key, key: row.elementKey).path)
        guard canEdit else {
            return TableRow {
                TableCell { elementLink }; TableCell(row.organisation); TableCell(row.phase.isEmpty ? "every phase" : row.phase)
                TableCell { Span(row.status.rawValue).class("badge scope-status-\(row.status.rawValue)") }
            }
        }
        let formID = "scope-" + id
        return TableRow {
            TableCell { elementLink }
            TableCell { select("organisation", organisations, row.organisation, formID) }
            TableCell { select("phase", [("", "every phase")] + phases, row.phase, formID) }
            TableCell { select("status", statuses, row.status.rawValue, formID) }
            TableCell {
                PostForm(action: SystemDesignRoute.scopeAction(project: access.key, id: row.id, action: "edit").path, csrfToken: csrfToken) {
                    Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: "element"),
                        Attribute(name: "value", value: HTMLEscape.attribute(row.elementKey)),
                    ])
                    Button("Save").attribute(named: "type", value: "submit")
                }.id(formID).class("inline-form inline-assign")
                ActionButton("Remove", action: SystemDesignRoute.scopeAction(project: access.key, id: row.id, action: "remove").path,
                             csrfToken: csrfToken, style: "danger")
            }
        }.id("row-" + formID)
    }

    /// A select that belongs to the row's form (`form=` attribute), so the row stays one table row.
    func select(_ name: String, _ options: [(value: String, title: String)], _ selected: String, _ formID: String) -> Component {
        var nodes: [Node<HTML.BodyContext>] = [.attribute(named: "name", value: name), .attribute(named: "form", value: formID),
                                               .attribute(named: "aria-label", value: name)]
        for option in options {
            var optionNodes: [Node<HTML.BodyContext>] = [
                .attribute(named: "value", value: HTMLEscape.attribute(option.value), ignoreIfValueIsEmpty: false)]
            if option.value == selected { optionNodes.append(.attribute(named: "selected", value: "selected")) }
            optionNodes.append(.raw(HTMLEscape.attribute(option.title)))
            nodes.append(.element(named: "option", nodes: optionNodes))
        }
        return Node<HTML.BodyContext>.element(named: "select", nodes: nodes)
    }
}
