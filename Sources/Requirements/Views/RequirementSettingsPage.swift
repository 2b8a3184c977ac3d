import Artifacts
import Platform
import Plot
import TraceEngine

/// Requirement types, enabled quality rules, coverage definitions and suspect-link trigger fields of the
/// project (leads).
struct RequirementSettingsPage: PageView {
    let access: ProjectAccess
    let types: [String]
    let disabled: Set<String>
    let coverage: String
    let registry: ArtifactRegistry
    let csrfToken: String
    /// Kind → trigger fields in force, and the custom attribute names of the project's modules.
    let triggers: [String: [String]]
    let attributeNames: [String]
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) requirement settings" }
    var breadcrumbs: [Breadcrumb] { access.requirementCrumbs + [Breadcrumb("Settings")] }

    func content() -> Component {
        Div {
            H1("Requirement settings")
            ProjectTabs(access: access, current: "Requirements")
            RequirementTabs(access: access, current: "Settings")
            PostForm(action: RequirementRoute.settings(project: access.key).path, csrfToken: csrfToken) {
                TextAreaField("Requirement types (one per line)", name: "types", value: types.joined(separator: "\n"),
                              error: fieldError(errors, "types"), rows: 7)
                Element(name: "fieldset") {
                    Element(name: "legend") { Text("Quality rules checked in this project") }
                    for rule in QualityChecker.rules {
                        CheckboxField("\(rule.title) (\(rule.severity.rawValue)): \(rule.explanation)", name: "rule_\(rule.id)",
                                      checked: !disabled.contains(rule.id))
                    }
                }
                TextAreaField("Coverage definitions (one per line)", name: "coverage", value: coverage,
                              error: fieldError(errors, "coverage"), rows: 6)
                Paragraph("Each line: id | title | source kind | link kind | direction | target kind or * | gap label. "
                          + "Direction is downstream when the source artifact is the link's source (a child derives-from its parent), "
                          + "upstream when it is the link's target (a test verifies the requirement), or both. "
                          + "An empty gap label lists no gaps. Artifact kinds: \(registry.kinds.map(\.id).joined(separator: ", ")). "
                          + "Link kinds: \(registry.linkKinds.map(\.id).joined(separator: ", ")).").class("hint")
                Button("Save settings").attribute(named: "type", value: "submit").class("primary")
            }
            triggerForm()
        }.class("narrow")
    }

    /// Which fields turn links suspect when they change, per kind of this module.
    func triggerForm() -> Component {
        Div {
            H2("Suspect link triggers")
            Paragraph("When a ticked field of an artifact changes, every link at it turns suspect (both directions), and an "
                      + "approved requirement goes back to review. Changing the choice turns nothing suspect by itself.").class("hint")
            FormErrors(errors.filter { $0.field == "triggers" }.map(\.reason.sentenceCased))
            PostForm(action: RequirementRoute.triggers(project: access.key).path, csrfToken: csrfToken) {
                for kind in [RequirementKinds.requirement, RequirementKinds.section] {
                    let chosen = triggers[kind.id] ?? kind.triggerFields
                    let available = kind.fields + (kind.customAttributes ? attributeNames.map { "attr." + $0 } : [])
                    Element(name: "fieldset") {
                        Element(name: "legend") { Text("\(kind.label) (default: \(kind.triggerFields.joined(separator: ", ")))") }
                        for field in available {
                            CheckboxField(field, name: "trigger:\(kind.id):\(field)", checked: chosen.contains(field))
                        }
                    }
                }
                Button("Save triggers").attribute(named: "type", value: "submit")
            }.id("triggers")
        }
    }
}
