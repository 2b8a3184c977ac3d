import Artifacts
import Foundation
import Platform
import Plot
import TraceEngine

/// One requirement (or section): fields, lifecycle actions, findings, links with suspect clearing, comments,
/// approvals and history.
struct RequirementPage: PageView {
    let access: ProjectAccess
    let detail: RequirementDetail
    let history: [ArtifactVersion]
    let comments: [RequirementComment]
    let approvals: [RequirementApproval]
    let linkKinds: [LinkKind]
    let csrfToken: String
    var errors: [ProblemDetails.FieldError] = []
    var linkForm = (kind: "derives-from", target: "", direction: "outgoing")

    var artifact: Artifact { detail.artifact }
    var key: String { artifact.key }
    var isRequirement: Bool { detail.item.itemType == .requirement }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }
    var pageTitle: String { "\(key) \(artifact.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.requirementCrumbs + [Breadcrumb(detail.module.name, href: RequirementRoute.document(project: access.key, module: detail.module.prefix).path),
                                    Breadcrumb(key)]
    }

    func text(_ name: String) -> String { if case .string(let value) = detail.fields[name] { value } else { "" } }

    func content() -> Component {
        Div {
            H1 { Span(key).class("key"); Text(" " + HTMLEscape.text(artifact.title)) }
            ProjectTabs(access: access, current: "Requirements")
            Paragraph {
                if isRequirement { StatusBadge(status: text("status")) }
                Text(" Version \(artifact.version) · \(detail.module.prefix) · ")
                if canEdit { Link("Edit", url: RequirementRoute.edit(project: access.key, key: key).path).class("button") }
                Text(" ")
                Link("Impact", url: RequirementRoute.impact(project: access.key, key: key).path)
            }
            FormErrors(errors.filter { !["reason", "target", "kind", "body"].contains($0.field) }.map(\.reason.sentenceCased))
            if isRequirement && canEdit { statusActions() }
            if canEdit { moveActions() }
            fieldsTable()
            if isRequirement { findingsSection() }
            linksSection()
            if isRequirement { commentsSection() }
            historySection()
        }.class("requirement-page")
    }

    func statusActions() -> Component {
        let status = RequirementStatus(rawValue: text("status")) ?? .draft
        return Div {
            for transition in status.transitions where access.allows(transition.role) {
                ActionButton(transition.action, action: RequirementRoute.status(project: access.key, key: key).path,
                             csrfToken: csrfToken, fields: [("status", transition.to.rawValue), ("version", String(artifact.version))],
                             style: transition.to == .approved ? "primary" : "")
            }
        }.class("actions").id("status")
    }

    func moveActions() -> Component {
        Div {
            Span("Move:").class("hint")
            for move in RequirementStore.Move.allCases {
                ActionButton(move.rawValue.capitalized, action: RequirementRoute.move(project: access.key, key: key).path,
                             csrfToken: csrfToken, fields: [("move", move.rawValue)])
            }
        }.class("actions move")
    }

    func fieldsTable() -> Component {
        let fields = detail.fields
        var rows: [(String, Component)] = []
        if isRequirement {
            rows.append(("Statement", MarkdownText(text("statement"))))
            rows.append(("Rationale", MarkdownText(text("rationale"))))
            rows.append(("Type", Text(HTMLEscape.text(text("type")))))
            rows.append(("Priority", Text(text("priority"))))
            rows.append(("Verification", Text(fields["verification_methods"].displayText)))
            rows.append(("Source", Text(HTMLEscape.text(text("source")))))
            rows.append(("Owner", Text(HTMLEscape.text(text("owner")))))
            rows.append(("Tags", Text(HTMLEscape.text(fields["tags"].displayText))))
            for definition in detail.attributes {
                rows.append((definition.label, Text(HTMLEscape.text(fields[definition.fieldName].displayText))))
            }
        } else {
            rows.append(("Text", MarkdownText(text("text"))))
        }
        return Table {
            for row in rows {
                TableRow { TableHeaderCell(row.0); TableCell { row.1 } }
            }
        }.class("fields")
    }

    func findingsSection() -> Component {
        Div {
            H2("Quality findings")
            if detail.findings.isEmpty {
                Paragraph("No findings: the statement follows every enabled rule.").class("ok")
            } else {
                List(detail.findings) { finding in
                    ListItem {
                        Span(finding.severity.rawValue).class("badge severity-\(finding.severity.rawValue)")
                        Text(" ")
                        Strong(QualityChecker.rule(finding.ruleID)?.title ?? finding.ruleID)
                        Text(": " + HTMLEscape.text(finding.message))
                    }
                }.class("findings-list")
            }
        }
    }

    func linksSection() -> Component {
        let suspectIDs = Set(detail.suspectLinks.map(\.id))
        return Div {
            H2("Links")
            if !detail.suspectLinks.isEmpty {
                Div {
                    H3("Suspect links")
                    Paragraph("An end of these links changed since the link was last reviewed. Check that the link still holds, then clear it with a reason.").class("hint")
                    for link in detail.suspectLinks {
                        Div {
                            Paragraph {
                                Link(link.sourceKey, url: RequirementRoute.item(project: access.key, key: link.sourceKey).path)
                                Text(" \(link.kind) ")
                                Link(link.targetKey, url: RequirementRoute.item(project: access.key, key: link.targetKey).path)
                            }
                            if canEdit {
                                PostForm(action: RequirementRoute.linkClear(project: access.key, link: link.id).path, csrfToken: csrfToken) {
                                    FormField("Reason the link still holds", name: "reason", error: fieldError(errors, "reason"))
                                    Button("Clear suspect flag").attribute(named: "type", value: "submit").class("primary")
                                }.class("clear-suspect")
                            }
                        }.class("suspect-link")
                    }
                }.class("suspect")
            }
            linkTable("Outgoing", detail.links.outgoing, outgoing: true, suspect: suspectIDs)
            linkTable("Incoming", detail.links.incoming, outgoing: false, suspect: suspectIDs)
            if canEdit {
                H3("Add a link")
                PostForm(action: RequirementRoute.links(project: access.key, key: key).path, csrfToken: csrfToken) {
                    SelectField("Kind", name: "kind", options: linkKinds.filter { !$0.pairs.isEmpty }.map { ($0.id, $0.label) },
                                selected: linkForm.kind, error: fieldError(errors, "kind"))
                    SelectField("Direction", name: "direction", options: [("outgoing", "\(key) → other"), ("incoming", "other → \(key)")],
                                selected: linkForm.direction)
                    FormField("Other artifact's key", name: "target", value: linkForm.target, error: fieldError(errors, "target") ?? fieldError(errors, "source"))
                    Button("Add link").attribute(named: "type", value: "submit")
                }.id("add-link")
            }
        }.class("links")
    }

    func linkTable(_ title: String, _ rows: [ArtifactQueries.LinkRow], outgoing: Bool, suspect: Set<UUID>) -> Component {
        Div {
            H3(title)
            if rows.isEmpty {
                Paragraph("None.").class("hint")
            } else {
                Table(header: TableRow { TableHeaderCell("Link"); TableHeaderCell("Artifact"); TableHeaderCell("State"); if canEdit { TableHeaderCell("") } }) {
                    for row in rows {
                        TableRow {
                            TableCell(outgoing ? row.link.kind : "\(row.link.kind) (from)")
                            TableCell { Link(row.otherKey, url: RequirementRoute.item(project: access.key, key: row.otherKey).path) }
                            TableCell {
                                if row.link.suspect { Span("suspect").class("badge badge-danger") } else if let reason = row.link.clearedReason {
                                    Span("cleared: " + HTMLEscape.text(reason)).class("hint")
                                } else { Text("reviewed") }
                            }
                            if canEdit, let id = row.link.id {
                                TableCell { ActionButton("Remove", action: RequirementRoute.linkRemove(project: access.key, link: id).path, csrfToken: csrfToken, style: "danger") }
                            }
                        }
                    }
                }.class("link-table")
            }
        }
    }

    func commentsSection() -> Component {
        let threads = comments.filter { $0.threadID == nil }
        return Div {
            H2("Comments")
            for thread in threads {
                Div {
                    commentView(thread)
                    for reply in comments.filter({ $0.threadID == thread.id }) { commentView(reply, reply: true) }
                    if let id = thread.id, access.status == .active {
                        PostForm(action: RequirementRoute.comments(project: access.key, key: key).path, csrfToken: csrfToken) {
                            HiddenField("thread", id.uuidString.lowercased())
                            TextAreaField("Reply", name: "body", rows: 2)
                            Button("Reply").attribute(named: "type", value: "submit")
                        }.class("reply-form")
                        if canEdit || thread.authorID == nil {
                            ActionButton(thread.resolvedAt == nil ? "Resolve thread" : "Reopen thread",
                                         action: RequirementRoute.commentResolve(project: access.key, thread: id).path, csrfToken: csrfToken,
                                         fields: [("resolved", thread.resolvedAt == nil ? "1" : "0")])
                        }
                    }
                }.class(thread.resolvedAt == nil ? "thread" : "thread resolved")
            }
            if access.status == .active {
                PostForm(action: RequirementRoute.comments(project: access.key, key: key).path, csrfToken: csrfToken) {
                    TextAreaField("New comment", name: "body", error: fieldError(errors, "body"), rows: 3)
                    Button("Comment").attribute(named: "type", value: "submit")
                }.id("new-comment")
            }
        }.class("comments")
    }

    func commentView(_ comment: RequirementComment, reply: Bool = false) -> Component {
        Div {
            Paragraph {
                Strong(HTMLEscape.text(comment.authorLabel))
                Text(" · " + Self.format(comment.createdAt) + " · on version \(comment.artifactVersion)")
                if comment.threadID == nil, comment.resolvedAt != nil {
                    Text(" · resolved by " + HTMLEscape.text(comment.resolvedByLabel ?? ""))
                }
            }.class("meta")
            MarkdownText(comment.body)
        }.class(reply ? "comment reply" : "comment")
    }

    func historySection() -> Component {
        Div {
            H2("History")
            if !approvals.isEmpty {
                List(approvals) { approval in
                    ListItem("Approved version \(approval.version) by \(approval.approvedByLabel) on \(Self.format(approval.approvedAt)) (content \(approval.contentHash.prefix(12)))")
                }.class("approvals")
            }
            Element(name: "form") {
                Table(header: TableRow {
                    TableHeaderCell("From"); TableHeaderCell("To"); TableHeaderCell("Version"); TableHeaderCell("Change")
                    TableHeaderCell("By"); TableHeaderCell("When")
                }) {
                    for version in history.reversed() {
                        TableRow {
                            TableCell { radio("from", version.version, checked: version.version == max(1, artifact.version - 1)) }
                            TableCell { radio("to", version.version, checked: version.version == artifact.version) }
                            TableCell(String(version.version))
                            TableCell(version.change.rawValue)
                            TableCell(HTMLEscape.text(version.changedByLabel))
                            TableCell(Self.format(version.changedAt))
                        }
                    }
                }
                Button("Compare versions").attribute(named: "type", value: "submit")
            }.attribute(named: "method", value: "get").attribute(named: "action", value: HTMLEscape.attribute(RequirementRoute.diff(project: access.key, key: key).path))
        }.class("history")
    }

    func radio(_ name: String, _ version: Int, checked: Bool) -> Component {
        var attributes: [Attribute<HTML.BodyContext>] = [
            Attribute(name: "type", value: "radio"), Attribute(name: "name", value: name), Attribute(name: "value", value: String(version)),
            Attribute(name: "aria-label", value: "\(name) version \(version)"),
        ]
        if checked { attributes.append(Attribute(name: "checked", value: "checked")) }
        return Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: attributes)
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
