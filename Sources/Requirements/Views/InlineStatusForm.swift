import Foundation
import Platform
import Plot

/// The one hidden form behind the document's inline status menus: app.js fills in the action (the item's
/// status path), version and status and submits it. The transitions the viewer may make travel as JSON in
/// `data-transitions` (status → [[target, action]]), so the rows themselves carry only status and version.
struct InlineStatusForm: Component {
    let access: ProjectAccess
    let csrfToken: String

    var body: Component {
        var transitions: [String: [[String]]] = [:]
        for status in RequirementStatus.allCases {
            transitions[status.rawValue] = status.transitions.filter { access.allows($0.role) }.map { [$0.to.rawValue, $0.action] }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(transitions)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return PostForm(action: RequirementRoute.modules(project: access.key).path, csrfToken: csrfToken) {
            HiddenField("version", "")
            HiddenField("status", "")
            HiddenField("back", "document")
        }
        .id("inline-status-form")
        .attribute(named: "hidden", value: "hidden")
        .attribute(named: "data-transitions", value: HTMLEscape.attribute(json))
    }
}
