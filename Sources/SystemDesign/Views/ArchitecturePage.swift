import Foundation
import Platform
import Plot

/// One architecture: its status and approval, the generated view (inline, SVG and draw.io), the review buttons
/// the viewer may press, and — while a draft — the edit and delete forms.
struct ArchitecturePage: PageView {
    let access: ProjectAccess
    let row: ArchitectureQueries.Row
    let diagram: ArchitectureDiagram
    let csrfToken: String
    var form: ArchitecturesController.ArchitectureForm?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(row.key) \(row.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Architectures", href: SystemDesignRoute.architectures(project: access.key).path), Breadcrumb(row.key)]
    }
    var active: Bool { access.status == .active }

    /// The moves this viewer may make from the current status: (target, button title, role needed).
    var moves: [(Architecture.Status, String)] {
        let all: [(Architecture.Status, Architecture.Status, String, ProjectRole)] = [
            (.draft, .inReview, "Submit for review", .editor), (.inReview, .draft, "Withdraw to draft", .editor),
            (.inReview, .approved, "Approve", .lead), (.approved, .superseded, "Mark superseded", .lead),
        ]
        return all.filter { $0.0 == row.status && access.allows($0.3) && active }.map { ($0.1, $0.2) }
    }

    func content() -> Component {
        Div {
            H1("\(row.key) \(row.title)")
            ProjectTabs(access: access, current: "System")
            FormErrors(errors.filter { $0.field == "status" }.map(\.reason.sentenceCased))
            Tag("dl") {
                Tag("dt", text: "Status"); Tag("dd") { ArchitectureStatusBadge(status: row.status) }
                Tag("dt", text: "Approved")
                Tag("dd", text: row.approvedVersion.map { v in
                    "version \(v) by \(row.approvedBy)" + (row.approvedAt.map { " on " + ISO8601DateFormatter().string(from: $0).prefix(10) } ?? "")
                } ?? "not yet")
                Tag("dt", text: "Elements"); Tag("dd", text: String(row.nodeCount))
                Tag("dt", text: "Version"); Tag("dd", text: String(row.version))
            }.class("facts")
            if !row.description.isEmpty { Paragraph(row.description).class("description") }
            if !moves.isEmpty {
                Div {
                    for (target, title) in moves {
                        ActionButton(title, action: SystemDesignRoute.architectureAction(project: access.key, key: row.key, action: "status").path,
                                     csrfToken: csrfToken, fields: [("status", target.rawValue), ("version", String(row.version))],
                                     style: target == .approved ? "primary" : "")
                    }
                }.class("actions")
            }
            H2("View")
            Paragraph {
                Text("Generated from the model on every request: boxes are the architecture's elements under their nearest chosen "
                     + "ancestor; dashed lines are interfaces and relations between them (hover for names). ")
                Link("Download SVG", url: SystemDesignRoute.architectureAction(project: access.key, key: row.key, action: "view.svg").path)
                Text(" · ")
                Link("Download draw.io", url: SystemDesignRoute.architectureAction(project: access.key, key: row.key, action: "view.drawio").path)
            }.class("hint")
            Node<HTML.BodyContext>.element(named: "figure", nodes: [.attribute(named: "class", value: "diagram"), .raw(diagram.svg.render())])
            if row.status == .draft && access.allows(.editor) && active { editForms }
        }
    }

    @ComponentBuilder var editForms: Component {
        let values = form ?? ArchitecturesController.ArchitectureForm(
            title: row.title, description: row.description, nodes: diagram.keys.joined(separator: "\n"), version: row.version)
        H2("Edit")
        PostForm(action: SystemDesignRoute.architectureAction(project: access.key, key: row.key, action: "edit").path, csrfToken: csrfToken) {
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: "version"), Attribute(name: "value", value: String(row.version)),
            ])
            ArchitectureFields(form: values, errors: errors)
            Button("Save").attribute(named: "type", value: "submit").class("primary")
        }
        ActionButton("Delete \(row.key)", action: SystemDesignRoute.architectureAction(project: access.key, key: row.key, action: "delete").path,
                     csrfToken: csrfToken, fields: [("version", String(row.version))], style: "danger")
    }
}
