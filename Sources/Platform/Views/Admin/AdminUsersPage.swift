import Foundation
import Plot

/// Site administration of people: create accounts, disable or re-enable them, grant administration, unlock.
struct AdminUsersPage: PageView {
    struct Row {
        let id: UUID
        let name: String
        let email: String
        let isActive: Bool
        let isSiteAdmin: Bool
        let projects: Int
        let isLocked: Bool
        let isYou: Bool
    }
    struct NewUser {
        var email = ""
        var name = ""
        var isSiteAdmin = false
    }
    let rows: [Row]
    let csrfToken: String
    var newUser = NewUser()
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "People" }
    var breadcrumbs: [Breadcrumb] { [Breadcrumb("Administration", href: AdminRoute.users.path), Breadcrumb("People")] }

    func error(_ field: String) -> String? { errors.first { $0.field == field }.map { $0.reason.sentenceCased } }

    func content() -> Component {
        Div {
            H1("People")
            AdminTabs(current: "People")
            Table(
                header: TableRow {
                    TableHeaderCell("Name")
                    TableHeaderCell("Email")
                    TableHeaderCell("Status")
                    TableHeaderCell("Projects")
                    TableHeaderCell("")
                }
            ) {
                for row in rows {
                    TableRow {
                        TableCell(HTMLEscape.text(row.name) + (row.isYou ? " (you)" : ""))
                        TableCell(HTMLEscape.text(row.email))
                        TableCell {
                            Span(row.isActive ? "active" : "disabled").class(row.isActive ? "badge badge-pass" : "badge badge-muted")
                            if row.isSiteAdmin { Span(" administrator").class("badge") }
                            if row.isLocked { Span(" locked").class("badge badge-fail") }
                        }
                        TableCell(String(row.projects))
                        TableCell {
                            if !row.isYou {
                                ActionButton(row.isActive ? "Disable" : "Enable", action: AdminRoute.user(id: row.id).path,
                                             csrfToken: csrfToken, fields: [("active", row.isActive ? "0" : "1")],
                                             style: row.isActive ? "danger" : "")
                                ActionButton(row.isSiteAdmin ? "Revoke administration" : "Make administrator",
                                             action: AdminRoute.user(id: row.id).path, csrfToken: csrfToken,
                                             fields: [("site_admin", row.isSiteAdmin ? "0" : "1")])
                            }
                            if row.isLocked {
                                ActionButton("Unlock", action: AdminRoute.userUnlock(id: row.id).path, csrfToken: csrfToken)
                            }
                        }
                    }
                }
            }.class("users")
            H2("Add a person")
            FormErrors(errors.isEmpty ? [] : ["Nobody was added: please correct the fields below."])
            PostForm(action: AdminRoute.users.path, csrfToken: csrfToken) {
                FormField("Email", name: "email", type: "email", value: newUser.email, error: error("email"),
                          autocomplete: "off")
                FormField("Name", name: "display_name", value: newUser.name, error: error("display_name"),
                          autocomplete: "off")
                FormField("Initial password", name: "password", type: "password", error: error("password"),
                          autocomplete: "new-password",
                          hint: "At least \(PasswordPolicy.minimumLength) characters. Pass it on privately; they can change it on their account page.")
                FormField("Repeat the password", name: "password_confirmation", type: "password",
                          error: error("password_confirmation"), autocomplete: "new-password")
                CheckboxField("Site administrator", name: "site_admin", checked: newUser.isSiteAdmin)
                Button("Add person").attribute(named: "type", value: "submit").class("primary")
            }
        }
    }
}

/// The tabs of the administration area.
struct AdminTabs: Component {
    let current: String

    var body: Component {
        let tabs = [("People", AdminRoute.users.path), ("Programmes and projects", AdminRoute.projects.path),
                    ("Audit trail", AdminRoute.audit.path)]
        return Navigation {
            List(tabs) { tab -> Component in
                let link = Link(tab.0, url: tab.1)
                return tab.0 == current ? link.attribute(named: "aria-current", value: "page") : link
            }
        }.class("tabs").attribute(named: "aria-label", value: "Administration")
    }
}
