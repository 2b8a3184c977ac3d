import Foundation
import Platform
import Plot

/// A design package's report: what it is, who delivers it in which phase, and its contents section by section
/// (elements, interfaces), with CSV and XLSX downloads; editors add and remove contents and edit the package.
struct PackagePage: PageView {
    let access: ProjectAccess
    let report: PackageReport
    let choices: PackageChoices
    let csrfToken: String
    var form: PackagesController.PackageForm?
    /// What was typed into the add-content field when it came back with an error.
    var contentKey = ""
    var errors: [ProblemDetails.FieldError] = []

    var package: GovernanceQueries.PackageRow { report.package }
    var pageTitle: String { "\(package.key) \(package.title)" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Design packages", href: GovernanceRoute.packages(project: access.key).path), Breadcrumb(package.key)]
    }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("\(package.key) \(package.title)")
            ProjectTabs(access: access, current: "Governance")
            Tag("dl") {
                Tag("dt", text: "Owner organisation"); Tag("dd", text: package.ownerCode.isEmpty ? "—" : package.ownerCode)
                Tag("dt", text: "Phase"); Tag("dd", text: package.phaseName.isEmpty ? "—" : package.phaseName)
                Tag("dt", text: "Status"); Tag("dd") { Span(package.status.rawValue).class("badge package-status-\(package.status.rawValue)") }
                Tag("dt", text: "Version"); Tag("dd", text: String(package.version))
            }.class("facts")
            if !package.description.isEmpty { Paragraph(package.description).class("description") }
            Paragraph {
                Text("Report as ")
                Link("CSV", url: GovernanceRoute.packageReport(project: access.key, key: package.key, format: "csv").path)
                Text(" or ")
                Link("XLSX", url: GovernanceRoute.packageReport(project: access.key, key: package.key, format: "xlsx").path)
            }
            for section in report.sections { sectionTable(section) }
            if canEdit { forms }
        }
    }

    @ComponentBuilder func sectionTable(_ section: PackageReport.Section) -> Component {
        H2("\(section.title) (\(section.lines.count))")
        if section.lines.isEmpty {
            Paragraph("None in this package.").class("empty")
        } else {
            Table(header: TableRow {
                TableHeaderCell("Key"); TableHeaderCell("Title")
                for column in section.columns { TableHeaderCell(column.title) }
                if canEdit { TableHeaderCell("") }
            }) {
                for line in section.lines {
                    TableRow {
                        let path = section.path(access.key, line.content.key)
                        TableCell { if path.isEmpty { Text(line.content.key) } else { Link(line.content.key, url: path) } }
                        TableCell(line.content.title)
                        for value in line.values { TableCell(value) }
                        if canEdit {
                            TableCell {
                                ActionButton("Take out", action: GovernanceRoute.packageContentRemove(
                                    project: access.key, key: package.key, link: line.content.linkID).path, csrfToken: csrfToken)
                            }
                        }
                    }
                }
            }.class("package-contents package-\(section.kind)")
        }
    }

    @ComponentBuilder var forms: Component {
        H2("Add to this package")
        PostForm(action: GovernanceRoute.packageAction(project: access.key, key: package.key, action: "contents").path, csrfToken: csrfToken) {
            FormField("Element or interface key", name: "key", value: contentKey, error: fieldError(errors, "key"),
                      hint: "e.g. EL-004 or IF-012", id: "field-content-key")
            Button("Add").attribute(named: "type", value: "submit")
        }
        let values = form ?? PackagesController.PackageForm(
            title: package.title, owner: package.ownerCode, phase: package.phaseName, status: package.status.rawValue,
            description: package.description, version: package.version)
        H2("Edit")
        PostForm(action: GovernanceRoute.packageAction(project: access.key, key: package.key, action: "edit").path, csrfToken: csrfToken) {
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: "version"), Attribute(name: "value", value: String(package.version)),
            ])
            PackageFields(form: values, choices: choices, errors: errors.filter { $0.field != "key" })
            Button("Save").attribute(named: "type", value: "submit").class("primary")
        }
        ActionButton("Delete \(package.key)", action: GovernanceRoute.packageAction(project: access.key, key: package.key, action: "delete").path,
                     csrfToken: csrfToken, fields: [("version", String(package.version))], style: "danger")
    }
}
