import Platform
import Plot

/// Coverage of the whole project for every coverage definition, and per module for those on requirements.
struct ProjectCoveragePage: PageView {
    let access: ProjectAccess
    let project: [TraceQueries.CoverageRow]
    let modules: [(RequirementModule, [TraceQueries.CoverageRow])]

    var pageTitle: String { "\(access.key) coverage" }
    var breadcrumbs: [Breadcrumb] { access.requirementCrumbs + [Breadcrumb("Coverage")] }

    func content() -> Component {
        let questions = modules.first?.1.map(\.question) ?? []
        return Div {
            H1("Coverage of \(access.key)")
            ProjectTabs(access: access, current: "Requirements")
            RequirementTabs(access: access, current: "Coverage")
            Paragraph("Each bar is one coverage definition over every artifact of its source kind in the project. "
                      + (access.allows(.lead) ? "Leads change the definitions in the settings." : "Leads define them in the settings."))
                .class("hint")
            CoverageChart(rows: project)
            H2("By module")
            if modules.isEmpty || questions.isEmpty {
                Paragraph("No modules, or no coverage definition on requirements.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Module"); TableHeaderCell("Requirements")
                    for question in questions { TableHeaderCell(question.title) }
                }) {
                    for (module, rows) in modules {
                        TableRow {
                            TableCell { Link(HTMLEscape.text(module.name), url: RequirementRoute.quality(project: access.key, module: module.prefix).path) }
                            TableCell(String(rows.first?.total ?? 0))
                            for row in rows { TableCell("\(Int((row.share * 100).rounded())) % (\(row.covered)/\(row.total))") }
                        }
                    }
                }.class("coverage-by-module")
            }
        }
    }
}
