import Foundation
import Platform
import Plot

/// The coverage dashboard: status charts in all and per module, the trend across snapshots, the gap lists, the
/// snapshots with their comparison, and (leads) the CI name patterns.
struct CoveragePage: PageView {
    let access: ProjectAccess
    let report: CoverageReport
    let trend: [(snapshot: CoverageSnapshot, counts: [VerificationStatus.Coverage: Int])]
    let mappings: [(pattern: String, caseKey: String)]
    let csrfToken: String
    var mappingsText: String?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) verification coverage" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Verification"), Breadcrumb("Coverage")] }
    var base: String { VerificationRoute.coverage(project: access.key).path }

    static func chartCounts(_ counts: [VerificationStatus.Coverage: Int]) -> [(label: String, count: Int)] {
        VerificationStatus.Coverage.allCases.map { ($0.rawValue, counts[$0] ?? 0) }
    }

    func content() -> Component {
        Div {
            H1("Verification coverage of \(access.key)")
            VerificationNav(access: access, current: "Coverage")
            FormErrors(errors.map(\.reason.sentenceCased))
            Div {
                CountChart(title: "All requirements", counts: Self.chartCounts(report.totals)) { "verification-\($0)" }
                for module in report.modules {
                    CountChart(title: module.module, counts: Self.chartCounts(module.counts)) { "verification-\($0)" }
                }
            }.class("dashboard-charts")
            H2("Trend")
            if trend.isEmpty {
                Paragraph("Take snapshots (here or on a plan) to see the trend.").class("empty")
            } else {
                TrendChart(points: trend.map { ($0.snapshot.name, $0.counts) })
            }
            H2("Requirements without cases (\(report.requirementsWithoutCases.count))").id("requirements-without-cases")
            if report.requirementsWithoutCases.isEmpty {
                Paragraph("Every requirement has a case.").class("empty")
            } else {
                List(report.requirementsWithoutCases.prefix(500)) { row in ListItem("\(row.key) \(row.title)") }.class("gap-list")
            }
            H2("Cases without requirements (\(report.rvtm.casesWithoutRequirements.count))").id("cases-without-requirements")
            if report.rvtm.casesWithoutRequirements.isEmpty {
                Paragraph("Every current case verifies a requirement.").class("empty")
            } else {
                List(report.rvtm.casesWithoutRequirements.prefix(500)) { row in
                    ListItem { Link("\(row.key) \(row.title)", url: VerificationRoute.testCase(project: access.key, key: row.key).path) }
                }.class("gap-list")
            }
            H2("Failed results without a defect (\(report.failedWithoutDefect.count))").id("failed-without-defect")
            if report.failedWithoutDefect.isEmpty {
                Paragraph("Every latest failure has a defect.").class("empty")
            } else {
                List(report.failedWithoutDefect.prefix(500)) { row in
                    ListItem {
                        Text("\(row.caseKey) \(row.caseTitle) in ")
                        Link("RUN-\(row.runNumber)", url: VerificationRoute.run(project: access.key, number: row.runNumber).path)
                    }
                }.class("gap-list")
            }
            snapshots
            mappingSection
        }
    }

    @ComponentBuilder var snapshots: Component {
        H2("Snapshots")
        if !trend.isEmpty {
            List(trend.reversed().map(\.snapshot)) { snapshot in
                ListItem {
                    Link(snapshot.name, url: VerificationRoute.snapshot(project: access.key, id: snapshot.id!).path)
                    Text(" — \(VerificationFormat.time(snapshot.takenAt)) by \(snapshot.takenBy)")
                }
            }.class("snapshot-list")
        }
        if trend.count >= 2 {
            Form(url: base + "/compare", method: .get) {
                let options = trend.reversed().map { ($0.snapshot.id!.uuidString.lowercased(), $0.snapshot.name) }
                SelectField("Older", name: "from", options: options, selected: options[1].0)
                SelectField("Newer", name: "to", options: options, selected: options[0].0)
                Button("Compare").attribute(named: "type", value: "submit")
            }.class("filters")
        }
        if access.allows(.editor) && access.status == .active {
            PostForm(action: base + "/snapshots", csrfToken: csrfToken) {
                FormField("Snapshot name", name: "name", error: fieldError(errors, "name"), hint: "the whole project; take one of a plan on its page")
                Button("Take snapshot").attribute(named: "type", value: "submit")
            }
        }
    }

    @ComponentBuilder var mappingSection: Component {
        H2("CI name patterns")
        Paragraph("A CI test without a sesa.case or requirement property reports on the case of the first pattern its full name "
                  + "(class.name) matches: * any characters, ? one.").class("hint")
        if mappings.isEmpty { Paragraph("No patterns.").class("empty") }
        else { List(mappings.indices) { index in ListItem { Code(mappings[index].pattern); Text(" → \(mappings[index].caseKey)") } }.class("mappings") }
        if access.allows(.lead) && access.status == .active {
            PostForm(action: base + "/mappings", csrfToken: csrfToken) {
                TextAreaField("Patterns, one per line: pattern => case key", name: "mappings",
                              value: mappingsText ?? mappings.map { "\($0.pattern) => \($0.caseKey)" }.joined(separator: "\n"),
                              error: fieldError(errors, "mappings"), rows: 4)
                Button("Save patterns").attribute(named: "type", value: "submit")
            }
        }
    }
}

/// The trend: one stacked bar per snapshot, statuses in order, with the verified share written above.
struct TrendChart: Component {
    let points: [(label: String, counts: [VerificationStatus.Coverage: Int])]

    var body: Component {
        let barWidth = 48, gap = 28, height = 160, top = 20
        let width = max(1, points.count) * (barWidth + gap) + gap
        let largest = max(1, points.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        var nodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"), .attribute(named: "width", value: String(width)),
            .attribute(named: "height", value: String(height + top + 40)), .attribute(named: "role", value: "img"),
            .attribute(named: "class", value: "trend-chart"),
            .attribute(named: "aria-label", value: HTMLEscape.attribute("Coverage trend: " + points.map {
                "\($0.label) \($0.counts[.verified] ?? 0) verified of \($0.counts.values.reduce(0, +))" }.joined(separator: "; "))),
        ]
        for (index, point) in points.enumerated() {
            let x = gap + index * (barWidth + gap)
            let total = point.counts.values.reduce(0, +)
            var y = top + height
            for status in VerificationStatus.Coverage.allCases.reversed() {
                let count = point.counts[status] ?? 0
                guard count > 0 else { continue }
                let h = max(1, Int((Double(height) * Double(count) / Double(largest)).rounded()))
                y -= h
                nodes.append(.element(named: "rect", nodes: [
                    .attribute(named: "x", value: String(x)), .attribute(named: "y", value: String(y)), .attribute(named: "width", value: String(barWidth)),
                    .attribute(named: "height", value: String(h)), .attribute(named: "class", value: "bar verification-\(status.rawValue)"),
                    .element(named: "title", nodes: [.text("\(point.label): \(count) \(status.rawValue)")]),
                ]))
            }
            let share = total == 0 ? 0 : Int((100 * Double(point.counts[.verified] ?? 0) / Double(total)).rounded())
            nodes.append(.element(named: "text", nodes: [.attribute(named: "x", value: String(x)), .attribute(named: "y", value: String(y - 4)),
                                                         .text("\(share)%")]))
            nodes.append(.element(named: "text", nodes: [.attribute(named: "x", value: String(x)), .attribute(named: "y", value: String(top + height + 16)),
                                                         .text(String(point.label.prefix(10)))]))
        }
        return Node<HTML.BodyContext>.element(named: "svg", nodes: nodes)
    }
}

/// Two snapshots compared: what changed status, what went stale.
struct SnapshotPage: PageView {
    let access: ProjectAccess
    let snapshot: CoverageSnapshot
    let rows: [CoverageSnapshotRow]
    let older: CoverageSnapshot?
    let changes: [Snapshots.Change]

    var pageTitle: String { "\(access.key) snapshot \(snapshot.name)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Coverage", href: VerificationRoute.coverage(project: access.key).path), Breadcrumb(snapshot.name)]
    }

    func content() -> Component {
        Div {
            H1(older.map { "\($0.name) → \(snapshot.name)" } ?? "Snapshot \(snapshot.name)")
            VerificationNav(access: access, current: "Coverage")
            if let older {
                Paragraph("\(changes.count) requirement\(changes.count == 1 ? "" : "s") changed status between \(VerificationFormat.time(older.takenAt)) "
                          + "and \(VerificationFormat.time(snapshot.takenAt)); \(changes.filter(\.becameStale).count) went stale.")
                if !changes.isEmpty {
                    Table(header: TableRow { TableHeaderCell("Requirement"); TableHeaderCell("Module"); TableHeaderCell("Before"); TableHeaderCell("After") }) {
                        for change in changes {
                            TableRow {
                                TableCell(change.key); TableCell(change.module)
                                TableCell { if let before = change.before { StatusBadge(status: before) } else { Text("not in scope") } }
                                TableCell { if let after = change.after { StatusBadge(status: after) } else { Text("not in scope") } }
                            }
                        }
                    }.class("snapshot-changes")
                }
            } else {
                Paragraph("Taken \(VerificationFormat.time(snapshot.takenAt)) by \(snapshot.takenBy): \(rows.count) requirements.")
                Table(header: TableRow { TableHeaderCell("Requirement"); TableHeaderCell("Module"); TableHeaderCell("Status"); TableHeaderCell("Cases") }) {
                    for row in rows {
                        TableRow { TableCell(row.requirementKey); TableCell(row.module); TableCell { StatusBadge(status: row.status) }; TableCell(String(row.cases)) }
                    }
                }.class("snapshot-rows")
            }
        }
    }
}
