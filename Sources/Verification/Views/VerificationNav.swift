import Platform
import Plot

/// The verification tab and the links between its pages.
struct VerificationNav: Component {
    let access: ProjectAccess
    let current: String

    var body: Component {
        let entries: [(String, String)] = [
            ("Cases", VerificationRoute.cases(project: access.key).path), ("Plans", VerificationRoute.plans(project: access.key).path),
            ("Sets", VerificationRoute.sets(project: access.key).path), ("Runs", VerificationRoute.runs(project: access.key).path),
            ("Defects", VerificationRoute.defects(project: access.key).path), ("RVTM", VerificationRoute.rvtm(project: access.key).path),
            ("Coverage", VerificationRoute.coverage(project: access.key).path),
        ]
        return Div {
            ProjectTabs(access: access, current: "Verification")
            Navigation {
                List(entries) { entry in
                    ListItem {
                        if entry.0 == current {
                            Span(entry.0).attribute(named: "aria-current", value: "page")
                        } else {
                            Link(entry.0, url: entry.1)
                        }
                    }
                }
            }.class("subnav").attribute(named: "aria-label", value: "Verification")
        }
    }
}

/// A status as a coloured badge (`badge verification-<status>`).
struct StatusBadge: Component {
    let status: String
    var label: String?
    var body: Component { Span(label ?? status).class("badge verification-\(status)") }
}

/// Inline code (`<code>`), for test names, commits and API paths.
struct Code: Component {
    let text: String
    init(_ text: String) { self.text = text }
    var body: Component { Element(name: "code") { Text(text) } }
}
