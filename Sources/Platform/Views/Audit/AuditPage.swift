import Foundation
import Plot

/// The audit trail, newest first, filterable by actor, kind, action and date. Site-wide for administrators,
/// one project's for its leads.
struct AuditPage: PageView {
    struct Filter {
        var actor = ""
        var kind = ""
        var action = ""
        var from = ""
        var to = ""
    }
    struct Row {
        let sequence: Int64
        let at: Date
        let actor: String
        let action: String
        let kind: String
        let object: String
        let project: String?
        let details: String
        let ip: String
    }
    let title: String
    let crumbs: [Breadcrumb]
    let tabs: ProjectTabs?
    let path: String
    let filter: Filter
    let rows: [Row]
    let olderThan: Int64?
    var filterError: String?
    var adminTabs = false

    var pageTitle: String { title }
    var breadcrumbs: [Breadcrumb] { crumbs }

    func content() -> Component {
        Div {
            H1(title)
            if let tabs { tabs }
            if adminTabs { AdminTabs(current: "Audit trail") }
            Form(url: HTMLEscape.attribute(path), method: .get) {
                Div {
                    FormField("Actor (email)", name: "actor", value: filter.actor)
                    FormField("Object kind", name: "kind", value: filter.kind)
                    FormField("Action", name: "action", value: filter.action)
                    FormField("From", name: "from", type: "date", value: filter.from)
                    FormField("To", name: "to", type: "date", value: filter.to)
                }.class("filter-fields")
                Button("Filter").attribute(named: "type", value: "submit")
            }.class("filters")
            FormErrors(filterError.map { [$0] } ?? [])
            if rows.isEmpty {
                Paragraph("No entries match.").class("empty")
            } else {
                Table(
                    header: TableRow {
                        TableHeaderCell("#")
                        TableHeaderCell("When (UTC)")
                        TableHeaderCell("Who")
                        TableHeaderCell("Action")
                        TableHeaderCell("Object")
                        TableHeaderCell("Details")
                        TableHeaderCell("Address")
                    }
                ) {
                    for row in rows {
                        TableRow {
                            TableCell(String(row.sequence))
                            TableCell(HomePage.format(row.at))
                            TableCell(HTMLEscape.text(row.actor))
                            TableCell { Tag("code", text: HTMLEscape.text(row.action)) }
                            TableCell(HTMLEscape.text(row.kind + (row.object.isEmpty ? "" : " " + row.object)
                                + (row.project.map { " (\($0))" } ?? "")))
                            TableCell { Tag("code", text: HTMLEscape.text(row.details)) }.class("audit-details")
                            TableCell(HTMLEscape.text(row.ip))
                        }
                    }
                }.class("audit")
            }
            if let olderThan {
                Paragraph { Link("Older entries", url: HTMLEscape.attribute(olderLink(olderThan))) }
            }
        }
    }

    func olderLink(_ sequence: Int64) -> String {
        var components = URLComponents()
        components.path = path
        var items = [URLQueryItem(name: "before", value: String(sequence))]
        for (name, value) in [("actor", filter.actor), ("kind", filter.kind), ("action", filter.action),
                              ("from", filter.from), ("to", filter.to)] where !value.isEmpty {
            items.append(URLQueryItem(name: name, value: value))
        }
        components.queryItems = items
        return components.string ?? path
    }
}
