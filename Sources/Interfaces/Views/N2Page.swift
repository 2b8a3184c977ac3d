import Foundation
import Platform
import Plot
import TraceEngine

/// The N² matrix at one level of the element tree: the accessible table (each cell links to its interfaces),
/// level and filter choices, and SVG and CSV downloads with the same choices.
struct N2Page: PageView {
    let access: ProjectAccess
    let view: N2View
    let levels: [String]
    let types: [String]
    let filter: InterfaceQueries.Filter
    /// ("", "any") and the delivery organisations, for the organisation filter.
    var organisations: [(value: String, title: String)] = []

    var pageTitle: String { "\(access.key) N² matrix" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Interfaces", href: InterfacesRoute.list(project: access.key).path), Breadcrumb("N²")]
    }

    static func elements(_ view: N2View) -> [N2MatrixSVG.Element] {
        view.matrix.rows.indices.map { N2MatrixSVG.Element(key: view.element(row: $0).key, name: view.element(row: $0).title) }
    }

    /// The query that keeps the page's choices (level and filters) on links and downloads.
    static func query(_ view: N2View, _ filter: InterfaceQueries.Filter) -> String {
        var items = [URLQueryItem(name: "level", value: view.level)]
        if !filter.types.isEmpty { items.append(URLQueryItem(name: "type", value: filter.types.sorted().joined(separator: ","))) }
        if !filter.statuses.isEmpty { items.append(URLQueryItem(name: "status", value: filter.statuses.map(\.rawValue).sorted().joined(separator: ","))) }
        if !filter.organisation.isEmpty { items.append(URLQueryItem(name: "organisation", value: filter.organisation)) }
        var components = URLComponents()
        components.queryItems = items
        return "?" + (components.percentEncodedQuery ?? "")
    }

    static func cellLink(_ project: String, _ view: N2View, _ filter: InterfaceQueries.Filter) -> @Sendable (Int, Int) -> String? {
        let base = InterfacesRoute.list(project: project).path + query(view, filter)
        let keys = view.matrix.rows.map { view.elements[$0].key }
        return { row, column in base + "&from=" + PathSegment.encodeKey(keys[row]) + "&to=" + PathSegment.encodeKey(keys[column]) }
    }

    func content() -> Component {
        let query = Self.query(view, filter)
        let shown = view.interfaces.count - view.matrix.outside.count
        return Div {
            H1("N² matrix of \(access.key)")
            ProjectTabs(access: access, current: "Interfaces")
            Form(url: InterfacesRoute.n2(project: access.key).path, method: .get) {
                SelectField("Level", name: "level", options: levels.map { ($0, $0) }, selected: view.level)
                SelectField("Type", name: "type", options: [("", "any")] + types.map { ($0, $0) }, selected: filter.types.first ?? "")
                SelectField("Status", name: "status", options: [("", "any")] + SystemInterface.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                            selected: filter.statuses.first?.rawValue ?? "")
                SelectField("Delivery organisation", name: "organisation", options: organisations, selected: filter.organisation)
                Button("Show").attribute(named: "type", value: "submit")
            }.class("filters")
            Paragraph {
                Text("\(view.matrix.size) elements at level \(view.level), \(shown) interface\(shown == 1 ? "" : "s") among them. "
                     + "A cell counts what flows from its row's element to its column's (parts included); the diagonal holds "
                     + "interfaces inside an element. ")
                Link("Download SVG", url: InterfacesRoute.n2Export(project: access.key, format: "svg").path + query)
                Text(" · ")
                Link("Download CSV", url: InterfacesRoute.n2Export(project: access.key, format: "csv").path + query)
            }.class("hint")
            if !view.matrix.outside.isEmpty {
                Paragraph("\(view.matrix.outside.count) interface\(view.matrix.outside.count == 1 ? " has" : "s have") an end outside the "
                          + "elements at this level: " + view.matrix.outside.map { view.interfaces[$0].key }.joined(separator: ", ") + ".")
                    .class("notice")
            }
            if view.matrix.size == 0 {
                Paragraph("No elements at level \(view.level).").class("empty")
            } else {
                N2MatrixTable(caption: "\(access.key) N² at level \(view.level)", matrix: view.matrix, elements: Self.elements(view),
                              link: Self.cellLink(access.key, view, filter)).node()
            }
        }
    }
}
