import Plot

/// A page rendered inside the site layout. Pages supply a title, breadcrumbs and their content;
/// the skeleton (head, header, navigation, flash messages, footer) is fixed here.
public protocol PageView {
    var pageTitle: String { get }
    var breadcrumbs: [Breadcrumb] { get }
    @ComponentBuilder func content() -> Component
}

extension PageView {
    public var breadcrumbs: [Breadcrumb] { [] }

    /// The whole HTML document. No inline script or style: the CSP forbids both.
    public func document(in context: PageContext) -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(pageTitle) · SESA"),
                .stylesheet(context.assets.url("app.css")),
                .link(.rel(.icon), .href(context.assets.url("favicon.svg")), .type("image/svg+xml"))
            ),
            .body(
                .component(SiteHeader(context: context)),
                .component(Tag("main") {
                    BreadcrumbTrail(crumbs: breadcrumbs)
                    FlashList(flashes: context.flashes)
                    content()
                }.id("main")),
                .component(SiteFooter(context: context)),
                .script(.src(context.assets.url("app.js")))
            )
        ).render()
    }
}

struct SiteHeader: Component {
    let context: PageContext

    var body: Component {
        Header {
            Link(url: "#main") { Text("Skip to content") }.class("skip-link")
            Link(url: "/") { Text("SESA") }.class("brand")
            Navigation {
                List(context.navigation) { entry -> Component in
                    let link = Link(entry.title, url: HTMLEscape.attribute(entry.href))
                    if entry.href == context.currentPath {
                        return link.attribute(named: "aria-current", value: "page")
                    }
                    return link
                }
            }.attribute(named: "aria-label", value: "Main")
            Div {
                if let switcher = context.projectSwitcher {
                    ProjectSwitcherView(switcher: switcher)
                }
            }.class("project-switcher")
            AccountMenu(context: context)
        }.class("site-header")
    }
}

/// "Sign in", or the user's name, their account link and a sign-out button (a POST form: never a GET link).
struct AccountMenu: Component {
    let context: PageContext

    var body: Component {
        guard let identity = context.identity else {
            if context.currentPath == IdentityRoute.login.path { return EmptyComponent() }
            return Div { Link("Sign in", url: IdentityRoute.login.path) }.class("account-menu")
        }
        return Div {
            Link(HTMLEscape.text(identity.displayName), url: IdentityRoute.account.path).class("account-name")
            if identity.isSiteAdmin { Link("Administration", url: AdminRoute.users.path).class("admin-link") }
            PostForm(action: IdentityRoute.logout.path, csrfToken: context.csrfToken) {
                Button("Sign out").attribute(named: "type", value: "submit").class("link-button")
            }
        }.class("account-menu")
    }
}

struct ProjectSwitcherView: Component {
    let switcher: ProjectSwitcher

    var body: Component {
        Tag("details") {
            Tag("summary", text: switcher.current ?? "Choose a project")
            Tag("ul") {
                for option in switcher.options {
                    ListItem {
                        Link(url: HTMLEscape.attribute(option.href)) {
                            Span(option.key).class("project-key")
                            Text(" " + HTMLEscape.text(option.name))
                        }
                    }
                }
                ListItem { Link("All projects", url: ProjectRoute.list.path).class("all-projects") }
            }
        }
    }
}

struct BreadcrumbTrail: Component {
    let crumbs: [Breadcrumb]

    var body: Component {
        if crumbs.isEmpty { return EmptyComponent() }
        return Navigation {
            Tag("ol") {
                for crumb in crumbs {
                    if let href = crumb.href {
                        ListItem { Link(crumb.title, url: HTMLEscape.attribute(href)) }
                    } else {
                        ListItem { Text(crumb.title) }.attribute(named: "aria-current", value: "page")
                    }
                }
            }
        }.class("breadcrumbs").attribute(named: "aria-label", value: "Breadcrumb")
    }
}

struct FlashList: Component {
    let flashes: [Flash]

    var body: Component {
        if flashes.isEmpty { return EmptyComponent() }
        return Div {
            for flash in flashes {
                Div {
                    Paragraph(flash.message)
                    Button("Dismiss").class("flash-dismiss").attribute(named: "type", value: "button")
                }.class("flash flash-\(flash.kind.rawValue)").attribute(
                    named: "role", value: flash.kind == .error ? "alert" : "status")
            }
        }.class("flashes")
    }
}

struct SiteFooter: Component {
    let context: PageContext

    var body: Component {
        Footer {
            Paragraph {
                Text("SESA \(context.version)")
                if context.environment != .production {
                    Span(" · \(context.environment.rawValue)").class("env-badge")
                }
                Text(" · ")
                Link("API", url: "/api/v1/openapi.json")
            }
        }.class("site-footer")
    }
}
