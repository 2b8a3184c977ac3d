import Plot

/// The tabs along the top of every project page; leads also see settings and the audit trail.
struct ProjectTabs: Component {
    let access: ProjectAccess
    let current: String

    var body: Component {
        var tabs: [(String, String)] = [
            ("Overview", ProjectRoute.overview(key: access.key).path),
            ("Members", ProjectRoute.members(key: access.key).path),
        ]
        if access.allows(.lead) {
            tabs.append(("Settings", ProjectRoute.settings(key: access.key).path))
            tabs.append(("Audit trail", ProjectRoute.audit(key: access.key).path))
        }
        return Navigation {
            List(tabs) { tab -> Component in
                let link = Link(tab.0, url: tab.1)
                return tab.0 == current ? link.attribute(named: "aria-current", value: "page") : link
            }
        }.class("tabs").attribute(named: "aria-label", value: "Project")
    }
}

extension ProjectAccess {
    var crumbs: [Breadcrumb] {
        [Breadcrumb("Projects", href: ProjectRoute.list.path), Breadcrumb(key, href: ProjectRoute.overview(key: key).path)]
    }
}
