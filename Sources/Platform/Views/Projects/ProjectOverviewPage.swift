import Foundation
import Plot

/// A project's front page: what it is, its programme, its people by role.
struct ProjectOverviewPage: PageView {
    struct Model {
        let access: ProjectAccess
        let description: String
        let program: String?
        let membersByRole: [ProjectRole: Int]
        let createdAt: Date?
    }
    let model: Model

    var pageTitle: String { "\(model.access.key) · \(model.access.name)" }
    var breadcrumbs: [Breadcrumb] { [Breadcrumb("Projects", href: ProjectRoute.list.path), Breadcrumb(model.access.key)] }

    func content() -> Component {
        let access = model.access
        return Div {
            H1 {
                Span(access.key).class("project-key")
                Text(" " + HTMLEscape.text(access.name))
            }
            ProjectTabs(access: access, current: "Overview")
            if access.status == .archived {
                Paragraph("This project is archived: it is read-only.").class("status-banner status-warn")
            }
            Tag("dl") {
                Tag("dt", text: "Programme")
                Tag("dd", text: HTMLEscape.text(model.program ?? "—"))
                Tag("dt", text: "Status")
                Tag("dd") { StatusBadge(access.status) }
                Tag("dt", text: "Your role")
                Tag("dd", text: access.isMember ? access.role.title : "Administrator (not a member)")
                Tag("dt", text: "Members")
                Tag("dd", text: ProjectRole.allCases.reversed().map { "\(model.membersByRole[$0] ?? 0) \($0.rawValue)\((model.membersByRole[$0] ?? 0) == 1 ? "" : "s")" }
                    .joined(separator: ", "))
            }.class("facts")
            H2("About this project")
            if model.description.isEmpty {
                Paragraph("No description yet.").class("empty")
            } else {
                for paragraph in model.description.components(separatedBy: "\n\n") {
                    Paragraph(HTMLEscape.text(paragraph))
                }
            }
            if access.allows(.editor) && access.status == .active {
                Paragraph { Link("Edit the description", url: ProjectRoute.edit(key: access.key).path).class("button") }
            }
        }
    }
}
