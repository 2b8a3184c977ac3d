import Platform
import Plot

/// Every suspect link of the project; editors clear each with a reason after checking both ends.
struct SuspectLinksPage: PageView {
    let access: ProjectAccess
    let links: [RequirementQueries.SuspectLink]
    let csrfToken: String
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) suspect links" }
    var breadcrumbs: [Breadcrumb] { access.requirementCrumbs + [Breadcrumb("Suspect links")] }

    func content() -> Component {
        Div {
            H1("Suspect links of \(access.key)")
            ProjectTabs(access: access, current: "Requirements")
            RequirementTabs(access: access, current: "Suspect links")
            FormErrors(errors.map(\.reason.sentenceCased))
            if links.isEmpty {
                Paragraph("No suspect links: every link was reviewed after its ends last changed.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("Source"); TableHeaderCell("Link"); TableHeaderCell("Target")
                    if access.allows(.editor) { TableHeaderCell("Clear") }
                }) {
                    for link in links {
                        TableRow {
                            TableCell {
                                Link(link.sourceKey, url: RequirementRoute.item(project: access.key, key: link.sourceKey).path)
                                Text(" " + HTMLEscape.text(link.sourceTitle))
                            }
                            TableCell(link.kind)
                            TableCell {
                                Link(link.targetKey, url: RequirementRoute.item(project: access.key, key: link.targetKey).path)
                                Text(" " + HTMLEscape.text(link.targetTitle))
                            }
                            if access.allows(.editor) && access.status == .active {
                                TableCell {
                                    PostForm(action: RequirementRoute.linkClear(project: access.key, link: link.id).path, csrfToken: csrfToken) {
                                        HiddenField("back", "suspect")
                                        FormField("Reason", name: "reason")
                                        Button("Clear").attribute(named: "type", value: "submit")
                                    }.class("inline-form")
                                }
                            }
                        }
                    }
                }.class("suspect-links")
            }
        }
    }
}
