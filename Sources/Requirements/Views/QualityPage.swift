import Platform
import Plot
import TraceEngine

/// A module's quality dashboard: findings per rule, coverage bars (SVG) and gap lists.
struct QualityPage: PageView {
    let access: ProjectAccess
    let module: RequirementModule
    let rows: [RequirementQueries.DocumentRow]
    let coverage: [TraceQueries.CoverageRow]
    let disabledRules: Set<String>

    var pageTitle: String { "\(module.prefix) quality" }
    var breadcrumbs: [Breadcrumb] {
        access.requirementCrumbs + [Breadcrumb(module.name, href: RequirementRoute.document(project: access.key, module: module.prefix).path),
                                    Breadcrumb("Quality")]
    }

    func content() -> Component {
        let requirements = rows.filter { $0.type == .requirement }
        let keys = Dictionary(uniqueKeysWithValues: requirements.map { ($0.id, $0.key) })
        return Div {
            H1("Quality of \(module.name)")
            ProjectTabs(access: access, current: "Requirements")
            H2("Coverage")
            CoverageChart(rows: coverage)
            H2("Findings by rule")
            Table(header: TableRow { TableHeaderCell("Rule"); TableHeaderCell("Severity"); TableHeaderCell("Requirements") }) {
                for rule in QualityChecker.rules where !disabledRules.contains(rule.id) {
                    let hits = requirements.filter { $0.findings.contains(rule.id) }
                    TableRow {
                        TableCell { Strong(rule.title); Paragraph(rule.explanation).class("hint") }
                        TableCell(rule.severity.rawValue)
                        TableCell {
                            if hits.isEmpty { Text("0") } else {
                                Link(String(hits.count), url: RequirementRoute.search(project: access.key).path + "?module=\(module.prefix)&finding=\(rule.id)")
                                Text(": " + hits.prefix(10).map(\.key).joined(separator: ", ") + (hits.count > 10 ? " …" : ""))
                            }
                        }
                    }
                }
            }.class("quality")
            H2("Gaps")
            for row in coverage where !row.question.gap.isEmpty && (!row.question.asksForParent || module.parentExpected) {
                H3("\(row.uncoveredIDs.count) with \(row.question.gap)")
                if !row.uncoveredIDs.isEmpty {
                    Paragraph(row.uncoveredIDs.prefix(50).compactMap { keys[$0] }.joined(separator: ", ") + (row.uncoveredIDs.count > 50 ? " …" : ""))
                }
            }
        }
    }
}

/// Horizontal bars, one per coverage definition, drawn as inline SVG with a text alternative per bar.
struct CoverageChart: Component {
    let rows: [TraceQueries.CoverageRow]

    var body: Component {
        let width = 480
        let barHeight = 22
        var nodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "width", value: String(width + 220)),
            .attribute(named: "height", value: String(rows.count * (barHeight + 10) + 10)),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-label", value: "Coverage chart"),
            .attribute(named: "class", value: "coverage-chart"),
        ]
        for (index, row) in rows.enumerated() {
            let y = 5 + index * (barHeight + 10)
            let filled = Int((Double(width) * row.share).rounded())
            let percent = Int((row.share * 100).rounded())
            nodes.append(.element(named: "text", nodes: [
                .attribute(named: "x", value: "0"), .attribute(named: "y", value: String(y + 15)), .text(row.question.title),
            ]))
            nodes.append(.selfClosedElement(named: "rect", attributes: [
                Attribute(name: "x", value: "200"), Attribute(name: "y", value: String(y)), Attribute(name: "width", value: String(width)),
                Attribute(name: "height", value: String(barHeight)), Attribute(name: "class", value: "bar-empty"),
            ]))
            nodes.append(.selfClosedElement(named: "rect", attributes: [
                Attribute(name: "x", value: "200"), Attribute(name: "y", value: String(y)), Attribute(name: "width", value: String(filled)),
                Attribute(name: "height", value: String(barHeight)), Attribute(name: "class", value: "bar-filled"),
            ]))
            nodes.append(.element(named: "text", nodes: [
                .attribute(named: "x", value: String(width + 210)), .attribute(named: "y", value: String(y + 15)),
                .text("\(percent) % (\(row.covered)/\(row.total))"),
            ]))
        }
        return Node<HTML.BodyContext>.element(named: "svg", nodes: nodes)
    }
}
