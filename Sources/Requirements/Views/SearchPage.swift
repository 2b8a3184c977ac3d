import Artifacts
import Platform
import Plot
import TraceEngine

/// Full-text search and filters over the project's requirements, paginated.
struct SearchPage: PageView {
    let access: ProjectAccess
    let modules: [RequirementModule]
    let types: [String]
    let filter: RequirementQueries.Filter
    let modulePrefix: String
    let hits: [RequirementQueries.SearchHit]
    let total: Int
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) requirement search" }
    var breadcrumbs: [Breadcrumb] { access.requirementCrumbs + [Breadcrumb("Search")] }

    func content() -> Component {
        let prefixes = Dictionary(uniqueKeysWithValues: modules.compactMap { module in module.id.map { ($0, module.prefix) } })
        let pages = max(1, (total + filter.perPage - 1) / filter.perPage)
        return Div {
            H1("Search requirements")
            ProjectTabs(access: access, current: "Requirements")
            RequirementTabs(access: access, current: "Search")
            FormErrors(errors.map(\.reason.sentenceCased))
            Element(name: "form") {
                FormField("Text (key, title, statement)", name: "q", type: "search", value: filter.text)
                SelectField("Module", name: "module", options: [("", "All")] + modules.map { ($0.prefix, "\($0.prefix) \($0.name)") }, selected: modulePrefix)
                SelectField("Status", name: "status", options: [("", "Any")] + RequirementStatus.allCases.map { ($0.rawValue, $0.title) }, selected: filter.status ?? "")
                SelectField("Type", name: "type", options: [("", "Any")] + types.map { ($0, $0) }, selected: filter.type ?? "")
                FormField("Tag", name: "tag", value: filter.tag ?? "")
                SelectField("Finding", name: "finding", options: [("", "Any")] + QualityChecker.rules.map { ($0.id, $0.title) }, selected: filter.finding ?? "")
                FormField("Attribute (name=value)", name: "attribute", value: filter.attribute.map { "\($0.name)=\($0.value)" } ?? "")
                CheckboxField("Only with suspect links", name: "suspect", checked: filter.suspectOnly)
                Button("Search").attribute(named: "type", value: "submit").class("primary")
            }.attribute(named: "method", value: "get").class("search-form")
            Paragraph("\(total) requirement\(total == 1 ? "" : "s") found." + (total > 0 ? " Page \(filter.page) of \(pages)." : ""))
            if !hits.isEmpty {
                Table(header: TableRow {
                    TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Module"); TableHeaderCell("Status")
                    TableHeaderCell("Type"); TableHeaderCell("Findings")
                }) {
                    for hit in hits {
                        TableRow {
                            TableCell { Link(hit.key, url: RequirementRoute.item(project: access.key, key: hit.key).path) }
                            TableCell(HTMLEscape.text(hit.title))
                            TableCell(prefixes[hit.moduleID] ?? "")
                            TableCell { StatusBadge(status: hit.status) }
                            TableCell(HTMLEscape.text(hit.requirementType))
                            TableCell { FindingBadges(findings: hit.findings) }
                        }
                    }
                }.class("search-results")
            }
            if pages > 1 {
                Navigation {
                    if filter.page > 1 { Link("Previous page", url: pageURL(filter.page - 1)) }
                    if filter.page < pages { Link("Next page", url: pageURL(filter.page + 1)) }
                }.class("pagination").attribute(named: "aria-label", value: "Pages")
            }
        }
    }

    func pageURL(_ page: Int) -> String {
        var parts: [(String, String)] = [("q", filter.text), ("module", modulePrefix), ("status", filter.status ?? ""),
                                         ("type", filter.type ?? ""), ("tag", filter.tag ?? ""), ("finding", filter.finding ?? ""),
                                         ("attribute", filter.attribute.map { "\($0.name)=\($0.value)" } ?? ""),
                                         ("page", String(page))]
        if filter.suspectOnly { parts.append(("suspect", "1")) }
        let query = parts.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        return HTMLEscape.attribute(RequirementRoute.search(project: access.key).path + "?" + query.joined(separator: "&"))
    }
}
