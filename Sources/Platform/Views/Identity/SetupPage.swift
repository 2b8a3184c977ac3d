import Plot

/// Creates the first administrator of a fresh instance.
struct SetupPage: PageView {
    let action: String
    let csrfToken: String
    var email = ""
    var displayName = ""
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "Set up SESA" }

    func error(_ field: String) -> String? {
        errors.first { $0.field == field }.map { $0.reason.prefix(1).uppercased() + $0.reason.dropFirst() + "." }
    }

    func content() -> Component {
        Div {
            H1("Set up SESA")
            Paragraph("Create the first administrator. This link works once; afterwards, administrators add people.")
            FormErrors(errors.isEmpty ? [] : ["Please correct the fields below."])
            PostForm(action: action, csrfToken: csrfToken) {
                FormField("Email", name: "email", type: "email", value: email, error: error("email"), autocomplete: "username")
                FormField("Your name", name: "display_name", value: displayName, error: error("display_name"),
                          autocomplete: "name")
                FormField("Password", name: "password", type: "password", error: error("password"),
                          autocomplete: "new-password",
                          hint: "At least \(PasswordPolicy.minimumLength) characters. A passphrase of several words works well.")
                FormField("Repeat the password", name: "password_confirmation", type: "password",
                          error: error("password_confirmation"), autocomplete: "new-password")
                Button("Create administrator").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("narrow")
    }
}
