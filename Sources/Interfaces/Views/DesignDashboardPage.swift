import Foundation
import Governance
import Platform
import Plot
import SystemDesign

/// The design dashboard: governance, system design and interfaces counted by status, each as an SVG chart with
/// its numbers, and links to the lists behind them.
struct DesignDashboardPage: PageView {
    let access: ProjectAccess
    let dashboard: DesignDashboard

    var pageTitle: String { "\(access.key) design dashboard" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Design dashboard")] }

    static let sections: [(title: String, charts: [String], link: String, path: @Sendable (String) -> String)] = [
        ("Governance", ["phases", "packages", "scope"], "Design packages", { GovernanceRoute.packages(project: $0).path }),
        ("System design", ["elements_by_level", "elements_by_status", "architectures"], "Elements", { SystemDesignRoute.elements(project: $0).path }),
        ("Interfaces", ["interfaces_by_status", "interfaces_by_type", "documents", "gaps"], "Interface reports", { InterfacesRoute.gaps(project: $0).path }),
    ]

    func content() -> Component {
        let charts = Dictionary(uniqueKeysWithValues: dashboard.charts.map { ($0.id, $0) })
        return Div {
            H1("Design dashboard of \(access.key)")
            ProjectTabs(access: access, current: "Design dashboard")
            for section in Self.sections {
                H2(section.title)
                Paragraph { Link(section.link, url: section.path(access.key)) }.class("hint")
                Div {
                    for id in section.charts {
                        if let chart = charts[id] {
                            Element(name: "figure") {
                                Element(name: "figcaption") { Text(chart.title) }
                                CountChart(title: chart.title, counts: chart.counts) { label in
                                    id == "gaps" ? "bar-gap" : "bar-status-" + label.replacingOccurrences(of: " ", with: "-")
                                }
                            }.class("chart")
                        }
                    }
                }.class("charts")
            }
        }
    }
}
