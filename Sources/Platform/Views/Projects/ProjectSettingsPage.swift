import Plot

/// Leads govern the project's name, programme and status; the key never changes.
struct ProjectSettingsPage: PageView {
    let access: ProjectAccess
    let name: String
    let programID: String
    let status: Project.Status
    let programs: [(value: String, title: String)]
    let csrfToken: String
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) settings" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Settings")] }

    func error(_ field: String) -> String? { errors.first { $0.field == field }.map { $0.reason.sentenceCased } }

    func content() -> Component {
        Div {
            H1("Settings of \(access.key)")
            ProjectTabs(access: access, current: "Settings")
            FormErrors(errors.isEmpty ? [] : ["Nothing was saved: please correct the fields below."])
            PostForm(action: ProjectRoute.settings(key: access.key).path, csrfToken: csrfToken) {
                Paragraph("The key \(access.key) is permanent: it is part of every link and artifact key.").class("hint")
                FormField("Name", name: "name", value: name, error: error("name"))
                SelectField("Programme", name: "program_id", options: [("", "— none —")] + programs,
                            selected: programID, error: error("program_id"))
                SelectField("Status", name: "status", options: Project.Status.allCases.map {
                    ($0.rawValue, $0 == .active ? "Active" : "Archived (read-only)")
                }, selected: status.rawValue, error: error("status"))
                Button("Save settings").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("narrow")
    }
}

extension String {
    /// "must be …" → "Must be ….", for field errors shown as sentences.
    public var sentenceCased: String { prefix(1).uppercased() + dropFirst() + (hasSuffix(".") ? "" : ".") }
}
