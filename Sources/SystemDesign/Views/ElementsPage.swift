import Foundation
import Interchange
import Platform
import Plot

/// The project's element tree with its generated architecture view, exports, and (for editors) the new-element
/// and sheet-import forms; leads set the levels here.
struct ElementsPage: PageView {
    /// A checked sheet waiting to be applied: what it would do, and the sheet itself to post back.
    struct ImportResult {
        let file: String
        let report: ElementTableImport.Report
        let sheet: String
    }

    let access: ProjectAccess
    let rows: [SystemElementQueries.TreeRow]
    let levels: [String]
    /// `depends-on` relations, drawn in the architecture view.
    let relations: [(UUID, UUID)]
    let csrfToken: String
    /// The owner choices: ("", "none") and each delivery organisation by code.
    var organisations: [(value: String, title: String)] = []
    var form = ElementsController.ElementForm()
    var levelsText = ""
    var importResult: ImportResult?
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) system elements" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("System")] }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }

    func content() -> Component {
        Div {
            H1("System elements of \(access.key)")
            ProjectTabs(access: access, current: "System")
            summary
            treeTable
            architecture
            if canEdit {
                newElementForm
                importForm
            }
            if access.allows(.lead) && access.status == .active { levelsForm }
        }
    }

    @ComponentBuilder var summary: Component {
        if !rows.isEmpty {
            Paragraph {
                Text("\(rows.count) element\(rows.count == 1 ? "" : "s"): " + levelCounts + ". ")
                Link("CSV", url: SystemDesignRoute.export(project: access.key, format: "csv").path)
                Text(" · ")
                Link("XLSX", url: SystemDesignRoute.export(project: access.key, format: "xlsx").path)
                Text(" · ")
                Link("Scope allocation", url: SystemDesignRoute.scope(project: access.key).path)
                Text(" · ")
                Link("Architectures", url: SystemDesignRoute.architectures(project: access.key).path)
            }.class("summary")
        }
    }

    var levelCounts: String {
        var counts: [String: Int] = [:]
        for row in rows { counts[row.element.level, default: 0] += 1 }
        return levels.compactMap { level in counts[level].map { "\($0) \(level)" } }.joined(separator: ", ")
    }

    @ComponentBuilder var treeTable: Component {
        if rows.isEmpty {
            Paragraph("No system elements yet. Start with the system of interest at the top level, then break it down.").class("empty")
        } else {
            Table(header: TableRow {
                TableHeaderCell("Key"); TableHeaderCell("Title"); TableHeaderCell("Level"); TableHeaderCell("Status")
                TableHeaderCell("Owner"); TableHeaderCell("Children")
            }) {
                for row in rows {
                    TableRow {
                        TableCell { Link(HTMLEscape.text(row.element.key), url: SystemDesignRoute.element(project: access.key, key: row.element.key).path) }
                        TableCell(row.element.title).class("tree-depth-\(min(row.depth, 9))")
                        TableCell(row.element.level)
                        TableCell { Span(row.element.status.rawValue).class("badge element-status-\(row.element.status.rawValue)") }
                        TableCell(row.element.ownerCode)
                        TableCell(row.children == 0 ? "" : String(row.children))
                    }
                }
            }.class("element-tree").id("tree")
        }
    }

    @ComponentBuilder var architecture: Component {
        if !rows.isEmpty {
            H2("Architecture view")
            Paragraph {
                Text("Generated from the element tree each time, so it always matches the model; dashed lines are “depends on” relations. ")
                Link("Download SVG", url: SystemDesignRoute.view(project: access.key, format: "svg").path)
                Text(" · ")
                Link("Download draw.io", url: SystemDesignRoute.view(project: access.key, format: "drawio").path)
            }.class("hint")
            Node<HTML.BodyContext>.element(named: "figure", nodes: [
                .attribute(named: "class", value: "diagram"),
                .raw(ElementDiagram.make(title: "\(access.key) element tree", rows: rows, relations: relations, project: access.key).svg.render()),
            ])
        }
    }

    @ComponentBuilder var newElementForm: Component {
        H2("New element")
        FormErrors(errors.filter { !["title", "level", "parent", "status", "owner", "description", "file", "levels"].contains($0.field) }
            .map(\.reason.sentenceCased))
        PostForm(action: SystemDesignRoute.elements(project: access.key).path, csrfToken: csrfToken) {
            FormField("Title", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            SelectField("Level", name: "level", options: levels.map { ($0, $0) }, selected: form.level ?? "", error: fieldError(errors, "level"))
            ElementPickerField("Parent", name: "parent", value: form.parent ?? "", error: fieldError(errors, "parent"),
                               hint: "Key of the element this one is part of; empty for the top level.", project: access.key)
            SelectField("Status", name: "status", options: SystemElement.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "proposed")
            SelectField("Owner organisation", name: "owner", options: organisations, selected: form.owner ?? "", error: fieldError(errors, "owner"))
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 3)
            Button("Create element").attribute(named: "type", value: "submit").class("primary")
        }
    }

    @ComponentBuilder var importForm: Component {
        H2("Import a sheet").id("import")
        if let result = importResult {
            ImportReportView(result: result, project: access.key, csrfToken: csrfToken)
        }
        // Sheet problems start with the file's name, which keeps its case.
        FormErrors(errors.filter { $0.field == "file" }.map(\.reason))
        Paragraph("CSV or XLSX with the columns key, title, level, parent, status, description, owner — the export's columns. "
                  + "Rows are matched by key, so an edited export updates in place; a row without a key is a new element. "
                  + "You see what would change before anything is stored.").class("hint")
        PostForm(action: SystemDesignRoute.importSheet(project: access.key).path, csrfToken: csrfToken, multipart: true) {
            Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: "field-file"), .text("File")])
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "id", value: "field-file"),
                Attribute(name: "accept", value: ".csv,.xlsx,text/csv"),
            ])
            Button("Check").attribute(named: "type", value: "submit")
        }
    }

    @ComponentBuilder var levelsForm: Component {
        H2("Levels")
        PostForm(action: SystemDesignRoute.levels(project: access.key).path, csrfToken: csrfToken) {
            TextAreaField("Levels, top to bottom, one per line", name: "levels", value: levelsText,
                          error: fieldError(errors, "levels"), rows: 5)
            Button("Save levels").attribute(named: "type", value: "submit")
        }
    }
}

/// What a checked sheet would do, with the button that applies it.
struct ImportReportView: Component {
    let result: ElementsPage.ImportResult
    let project: String
    let csrfToken: String

    var body: Component {
        let report = result.report
        return Div {
            H3("\(result.file): \(report.created.count) new, \(report.changed.count) changed, \(report.unchanged.count) unchanged")
            if !report.created.isEmpty { Paragraph("New: " + report.created.joined(separator: ", ")) }
            if !report.changed.isEmpty {
                List(report.changed) { change in ListItem("\(change.key): " + change.fields.joined(separator: ", ")) }
            }
            if report.created.isEmpty && report.changed.isEmpty {
                Paragraph("Nothing to apply: the project already matches the sheet.")
            } else {
                PostForm(action: SystemDesignRoute.importSheet(project: project).path, csrfToken: csrfToken) {
                    Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: "name"),
                        Attribute(name: "value", value: HTMLEscape.attribute(result.file)),
                    ])
                    Node<HTML.BodyContext>.element(named: "textarea", nodes: [
                        .attribute(named: "name", value: "sheet"), .attribute(named: "hidden", value: "hidden"),
                        .attribute(named: "aria-hidden", value: "true"), .text(result.sheet),
                    ])
                    Button("Apply").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }.class("import-report")
    }
}
