import Platform
import Plot
import TraceEngine

struct HiddenField: Component {
    let name: String
    let value: String
    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
    var body: Component {
        Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
            Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: name),
            Attribute(name: "value", value: HTMLEscape.attribute(value)),
        ])
    }
}

struct StatusBadge: Component {
    let status: String
    var body: Component {
        let title = RequirementStatus(rawValue: status)?.title ?? status
        return Span(title).class("badge status-\(HTMLEscape.attribute(status))")
    }
}

struct FindingBadges: Component {
    let findings: [String]
    var body: Component {
        Span {
            for id in findings {
                Span(QualityChecker.rule(id)?.title ?? id).class("badge badge-warning")
                    .attribute(named: "title", value: HTMLEscape.attribute(QualityChecker.rule(id)?.explanation ?? ""))
            }
        }.class("findings")
    }
}

struct SuspectBadge: Component {
    let count: Int
    var body: Component {
        Span(count == 1 ? "1 suspect link" : "\(count) suspect links").class("badge badge-danger")
    }
}

/// Tabs inside the requirements area of a project.
struct RequirementTabs: Component {
    let access: ProjectAccess
    let current: String
    var body: Component {
        let tabs: [(String, String)] = [
            ("Modules", RequirementRoute.modules(project: access.key).path),
            ("Search", RequirementRoute.search(project: access.key).path),
            ("Coverage", RequirementRoute.coverage(project: access.key).path),
            ("Suspect links", RequirementRoute.suspect(project: access.key).path),
        ] + (access.allows(.editor) ? [("Import", RequirementRoute.importReqIF(project: access.key).path)] : [])
            + (access.allows(.lead) ? [("Settings", RequirementRoute.settings(project: access.key).path)] : [])
        return Navigation {
            List(tabs) { tab -> Component in
                let link = Link(tab.0, url: tab.1)
                return tab.0 == current ? link.attribute(named: "aria-current", value: "page") : link
            }
        }.class("subtabs").attribute(named: "aria-label", value: "Requirements")
    }
}

extension ProjectAccess {
    var requirementCrumbs: [Breadcrumb] { crumbs + [Breadcrumb("Requirements", href: RequirementRoute.modules(project: key).path)] }
}

// swiftlint:disable identifier_name
/// `<strong>` (Plot has no component for it); `text` is escaped like every text node.
func Strong(_ text: String) -> Component {
    Node<HTML.BodyContext>.element(named: "strong", nodes: [.text(text)])
}
