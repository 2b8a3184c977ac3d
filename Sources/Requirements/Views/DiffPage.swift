import Platform
import Plot
import TraceEngine

/// A field-level diff between two versions of an artifact, with the words that changed marked.
struct DiffPage: PageView {
    let access: ProjectAccess
    let key: String
    let from: Int
    let to: Int
    let diff: FieldDiff

    var pageTitle: String { "\(key) v\(from) → v\(to)" }
    var breadcrumbs: [Breadcrumb] {
        access.requirementCrumbs + [Breadcrumb(key, href: RequirementRoute.item(project: access.key, key: key).path), Breadcrumb("Compare")]
    }

    func content() -> Component {
        Div {
            H1("\(key): version \(from) → version \(to)")
            if diff.changes.isEmpty {
                Paragraph("The two versions have the same content.").class("empty")
            } else {
                Table(header: TableRow { TableHeaderCell("Field"); TableHeaderCell("Change") }) {
                    for change in diff.changes {
                        TableRow {
                            TableHeaderCell(change.field)
                            TableCell {
                                for segment in change.segments {
                                    switch segment {
                                    case .same(let text): Text(HTMLEscape.text(text))
                                    case .removed(let text): Node<HTML.BodyContext>.element(named: "del", nodes: [.text(HTMLEscape.text(text))])
                                    case .added(let text): Node<HTML.BodyContext>.element(named: "ins", nodes: [.text(HTMLEscape.text(text))])
                                    }
                                }
                            }.class("diff")
                        }
                    }
                }.class("diff-table")
            }
        }
    }
}
