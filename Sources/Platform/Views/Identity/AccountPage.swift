import Foundation
import Plot

/// The signed-in user's account: who they are, password change, their sessions.
struct AccountPage: PageView {
    struct Model {
        struct Session {
            let id: String
            let createdAt: Date
            let lastSeenAt: Date
            let ip: String
            let userAgent: String
            let isCurrent: Bool
        }
        let email: String
        let displayName: String
        let isSiteAdmin: Bool
        let sessions: [Session]
        struct Token {
            let id: UUID
            let name: String
            let project: String
            let role: ProjectRole
            let hint: String
            let createdAt: Date
            let expiresAt: Date
            let lastUsedAt: Date?
            let isExpired: Bool
        }
        var tokens: [Token] = []
        var projects: [(key: String, role: ProjectRole)] = []
    }

    let model: Model
    let csrfToken: String
    var passwordErrors: [ProblemDetails.FieldError] = []
    var tokenErrors: [ProblemDetails.FieldError] = []
    /// A token just created: shown on this page once, never again.
    var newToken: (name: String, secret: String)?

    var pageTitle: String { "Your account" }
    var breadcrumbs: [Breadcrumb] { [Breadcrumb("Status", href: PlatformRoute.home.path), Breadcrumb("Your account")] }

    func error(_ field: String) -> String? {
        passwordErrors.first { $0.field == field }.map { $0.reason.prefix(1).uppercased() + $0.reason.dropFirst() + "." }
    }

    func content() -> Component {
        Div {
            H1("Your account")
            Tag("dl") {
                Tag("dt", text: "Name")
                Tag("dd", text: model.displayName)
                Tag("dt", text: "Email")
                Tag("dd", text: model.email)
                Tag("dt", text: "Role")
                Tag("dd", text: model.isSiteAdmin ? "Site administrator" : "Member")
            }.class("facts")

            H2("Change password")
            FormErrors(passwordErrors.isEmpty ? [] : ["The password was not changed: please correct the fields below."])
            PostForm(action: IdentityRoute.accountPassword.path, csrfToken: csrfToken) {
                FormField("Current password", name: "current_password", type: "password",
                          error: error("current_password"), autocomplete: "current-password")
                FormField("New password", name: "new_password", type: "password", error: error("new_password"),
                          autocomplete: "new-password", hint: "At least \(PasswordPolicy.minimumLength) characters.")
                FormField("Repeat the new password", name: "new_password_confirmation", type: "password",
                          error: error("new_password_confirmation"), autocomplete: "new-password")
                Div {
                    Node<HTML.BodyContext>.element(named: "label", nodes: [
                        .selfClosedElement(named: "input", attributes: [
                            Attribute<HTML.BodyContext>(name: "type", value: "checkbox"),
                            Attribute(name: "name", value: "end_other_sessions"), Attribute(name: "value", value: "1"),
                            Attribute(name: "checked", value: "checked"),
                        ]),
                        .text(" Sign out my other sessions"),
                    ])
                }.class("field checkbox")
                Button("Change password").attribute(named: "type", value: "submit").class("primary")
            }

            H2("Where you are signed in")
            Table(
                header: TableRow {
                    TableHeaderCell("Signed in")
                    TableHeaderCell("Last active")
                    TableHeaderCell("Address")
                    TableHeaderCell("Browser")
                    TableHeaderCell("")
                }
            ) {
                for session in model.sessions {
                    TableRow {
                        TableCell(Self.format(session.createdAt))
                        TableCell(Self.format(session.lastSeenAt))
                        TableCell(session.ip)
                        TableCell(String(session.userAgent.prefix(80)))
                        TableCell {
                            if session.isCurrent { Span("this browser").class("badge badge-pass") }
                            PostForm(action: IdentityRoute.accountSessionRevoke(id: session.id).path, csrfToken: csrfToken) {
                                Button(session.isCurrent ? "Sign out" : "Sign out this session")
                                    .attribute(named: "type", value: "submit")
                            }
                        }
                    }
                }
            }.class("sessions")

            H2("Personal access tokens")
            Paragraph("For CI and scripts: a token reaches one project with a role no higher than yours, until it expires or you revoke it.")
                .class("hint")
            if let newToken {
                Div {
                    Paragraph("Your new token “\(HTMLEscape.text(newToken.name))”. Copy it now: it is shown only this once.")
                    Tag("code", text: newToken.secret).class("new-token")
                }.class("status-banner status-pass").attribute(named: "role", value: "status")
            }
            if !model.tokens.isEmpty {
                Table(
                    header: TableRow {
                        TableHeaderCell("Name")
                        TableHeaderCell("Project")
                        TableHeaderCell("Role")
                        TableHeaderCell("Ends in")
                        TableHeaderCell("Expires")
                        TableHeaderCell("Last used")
                        TableHeaderCell("")
                    }
                ) {
                    for token in model.tokens {
                        TableRow {
                            TableCell(HTMLEscape.text(token.name))
                            TableCell(token.project)
                            TableCell(token.role.title)
                            TableCell("…" + token.hint)
                            TableCell(Self.format(token.expiresAt) + (token.isExpired ? " (expired)" : ""))
                            TableCell(token.lastUsedAt.map(Self.format) ?? "never")
                            TableCell {
                                ActionButton("Revoke", action: IdentityRoute.accountTokenRevoke(id: token.id).path,
                                             csrfToken: csrfToken, style: "danger")
                            }
                        }
                    }
                }.class("tokens")
            }
            if model.projects.isEmpty {
                Paragraph("You can create tokens once you are a member of a project.").class("empty")
            } else {
                H3("New token")
                FormErrors(tokenErrors.map { $0.reason.sentenceCased })
                PostForm(action: IdentityRoute.accountTokens.path, csrfToken: csrfToken) {
                    FormField("Name", name: "name", hint: "What it is for, e.g. “CI results upload”.")
                    SelectField("Project", name: "project",
                                options: model.projects.map { ($0.key, "\($0.key) (you are \($0.role.rawValue))") })
                    SelectField("Role", name: "role", options: ProjectRole.allCases.map { ($0.rawValue, $0.title) },
                                selected: ProjectRole.viewer.rawValue)
                    SelectField("Expires after", name: "days",
                                options: AccountController.tokenLifetimes.map { (String($0), "\($0) days") }, selected: "90")
                    Button("Create token").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }

    static func format(_ date: Date) -> String { HomePage.format(date) }
}
