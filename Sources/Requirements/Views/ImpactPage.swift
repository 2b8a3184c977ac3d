import Platform
import Plot
import TraceEngine

/// The impact set of an artifact as a list (depth, path) and a generated SVG graph, with the link kinds,
/// direction and depth to follow.
struct ImpactPage: PageView {
    let access: ProjectAccess
    let key: String
    let impact: TraceQueries.Impact
    let options: ImpactOptions
    let linkKinds: [String]

    var pageTitle: String { "Impact of \(key)" }
    var breadcrumbs: [Breadcrumb] {
        access.requirementCrumbs + [Breadcrumb(key, href: RequirementRoute.item(project: access.key, key: key).path), Breadcrumb("Impact")]
    }

    var query: String {
        "?direction=\(options.directionName)&kinds=\(options.linkKinds.joined(separator: ","))&depth=\(options.depth.map(String.init) ?? "")"
    }

    func content() -> Component {
        let graph = impact.graph
        return Div {
            H1("Impact of \(key)")
            Element(name: "form") {
                SelectField("Direction", name: "direction", options: [
                    ("upstream", "What depends on \(key) (incoming links)"), ("downstream", "What \(key) depends on (outgoing links)"),
                    ("both", "Both"),
                ], selected: options.directionName)
                FormField("Link kinds (comma-separated; empty = all)", name: "kinds", value: options.linkKinds.joined(separator: ","),
                          hint: "Known: " + linkKinds.joined(separator: ", "))
                FormField("Maximum depth (empty = unlimited)", name: "depth", value: options.depth.map(String.init) ?? "")
                Button("Show impact").attribute(named: "type", value: "submit")
            }.attribute(named: "method", value: "get").class("inline-form")
            Paragraph("\(impact.set.members.count) artifacts reached (graph at project revision \(graph.revision)).")
            if !impact.set.members.isEmpty {
                Image(url: HTMLEscape.attribute(RequirementRoute.impactSVG(project: access.key, key: key).path + query),
                      description: "Impact graph of \(key)").class("impact-graph")
                Table(header: TableRow {
                    TableHeaderCell("Depth"); TableHeaderCell("Artifact"); TableHeaderCell("Kind"); TableHeaderCell("Path")
                }) {
                    for member in impact.set.members {
                        TableRow {
                            TableCell(String(member.depth))
                            TableCell {
                                Link(graph.keys[Int(member.node)], url: RequirementRoute.item(project: access.key, key: graph.keys[Int(member.node)]).path)
                                Text(" " + HTMLEscape.text(graph.titles[Int(member.node)]))
                            }
                            TableCell(graph.kind(of: member.node))
                            TableCell((impact.set.path(to: member.node) ?? []).map { graph.keys[Int($0)] }.joined(separator: " → "))
                        }
                    }
                }.class("impact-list")
            }
        }
    }
}
