import Plot

/// Sign-in form.
struct LoginPage: PageView {
    let csrfToken: String
    var next: String?
    var email = ""
    var error: String?

    var pageTitle: String { "Sign in" }

    func content() -> Component {
        Div {
            H1("Sign in")
            FormErrors(error.map { [$0] } ?? [])
            PostForm(action: IdentityRoute.login.path, csrfToken: csrfToken) {
                if let next {
                    Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                        Attribute<HTML.BodyContext>(name: "type", value: "hidden"),
                        Attribute(name: "name", value: "next"), Attribute(name: "value", value: HTMLEscape.attribute(next)),
                    ])
                }
                FormField("Email", name: "email", type: "email", value: email, autocomplete: "username")
                FormField("Password", name: "password", type: "password", autocomplete: "current-password")
                Button("Sign in").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("narrow")
    }
}
