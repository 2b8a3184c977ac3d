import Plot

/// Editors maintain the project's description.
struct ProjectEditPage: PageView {
    let access: ProjectAccess
    let description: String
    let csrfToken: String
    var error: String?

    var pageTitle: String { "Edit \(access.key)" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Edit")] }

    func content() -> Component {
        Div {
            H1("Edit the description of \(access.key)")
            FormErrors(error.map { [$0] } ?? [])
            PostForm(action: ProjectRoute.edit(key: access.key).path, csrfToken: csrfToken) {
                TextAreaField("Description", name: "description", value: description, error: error, rows: 10)
                Button("Save").attribute(named: "type", value: "submit").class("primary")
                Link("Cancel", url: ProjectRoute.overview(key: access.key).path).class("cancel")
            }
        }.class("narrow")
    }
}
