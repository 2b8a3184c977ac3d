import Foundation
import Plot

/// Who is in the project with which role; leads add, change and remove members here.
struct ProjectMembersPage: PageView {
    struct Member {
        let userID: UUID
        let name: String
        let email: String
        let role: ProjectRole
        let isActive: Bool
    }
    let access: ProjectAccess
    let members: [Member]
    let csrfToken: String
    var email = ""
    var role = ProjectRole.viewer
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) members" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Members")] }

    var canGovern: Bool { access.allows(.lead) && access.status == .active }

    func content() -> Component {
        Div {
            H1("Members of \(access.key)")
            ProjectTabs(access: access, current: "Members")
            FormErrors(errors.map { $0.reason.sentenceCased })
            Table(
                header: TableRow {
                    TableHeaderCell("Name")
                    TableHeaderCell("Email")
                    TableHeaderCell("Role")
                    if canGovern { TableHeaderCell("") }
                }
            ) {
                for member in members {
                    TableRow {
                        TableCell {
                            Text(HTMLEscape.text(member.name))
                            if !member.isActive { Span(" disabled").class("badge badge-muted") }
                        }
                        TableCell(HTMLEscape.text(member.email))
                        if canGovern {
                            TableCell {
                                PostForm(action: ProjectRoute.memberRole(key: access.key, userID: member.userID).path,
                                         csrfToken: csrfToken) {
                                    SelectField("Role of \(member.name)", name: "role",
                                                options: ProjectRole.allCases.map { ($0.rawValue, $0.title) },
                                                selected: member.role.rawValue)
                                    Button("Change role").attribute(named: "type", value: "submit")
                                }.class("inline-form")
                            }
                            TableCell {
                                ActionButton("Remove", action: ProjectRoute.memberRemove(key: access.key, userID: member.userID).path,
                                             csrfToken: csrfToken, style: "danger")
                            }
                        } else {
                            TableCell(member.role.title)
                        }
                    }
                }
            }.class("members")
            if canGovern {
                H2("Add a member")
                PostForm(action: ProjectRoute.members(key: access.key).path, csrfToken: csrfToken) {
                    FormField("Email of an existing user", name: "email", type: "email", value: email,
                              error: errors.first { $0.field == "email" }.map { $0.reason.sentenceCased })
                    SelectField("Role", name: "role", options: ProjectRole.allCases.map { ($0.rawValue, $0.title) },
                                selected: role.rawValue)
                    Button("Add member").attribute(named: "type", value: "submit").class("primary")
                }
                Paragraph("Viewers read; editors also change content; leads also manage members and settings.").class("hint")
            }
        }
    }
}
