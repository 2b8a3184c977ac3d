import Plot

/// The two-step sheet import of a list page: upload a CSV or XLSX file to check it (nothing stored), then — once
/// the page shows what would change — apply exactly the checked sheet, which comes back as CSV text.
public struct SheetImportForm: Component {
    /// A checked sheet waiting to be applied: its file name, what it would change, and the sheet as CSV.
    public struct Checked: Sendable {
        public let file: String
        public let summary: String
        public let sheet: String

        public init(file: String, summary: String, sheet: String) {
            self.file = file
            self.summary = summary
            self.sheet = sheet
        }
    }

    let action: String
    let csrfToken: String
    let hint: String
    let checked: Checked?
    let errors: [String]

    public init(action: String, csrfToken: String, hint: String, checked: Checked?, errors: [String]) {
        self.action = action
        self.csrfToken = csrfToken
        self.hint = hint
        self.checked = checked
        self.errors = errors
    }

    public var body: Component {
        Div {
            H2("Import a sheet").id("import")
            FormErrors(errors)
            if let checked {
                Paragraph(checked.summary + " Nothing is stored until you apply it.").class("notice")
                PostForm(action: action, csrfToken: csrfToken) {
                    Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "hidden"), Attribute(name: "name", value: "name"),
                        Attribute(name: "value", value: HTMLEscape.attribute(checked.file)),
                    ])
                    Node<HTML.BodyContext>.element(named: "textarea", nodes: [
                        .attribute(named: "name", value: "sheet"), .attribute(named: "hidden", value: "hidden"), .text(checked.sheet),
                    ])
                    Button("Apply \(checked.file)").attribute(named: "type", value: "submit").class("primary")
                }
            }
            Paragraph(hint).class("hint")
            PostForm(action: action, csrfToken: csrfToken, multipart: true) {
                Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: "field-file"), .text("File")])
                Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                    Attribute(name: "type", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "id", value: "field-file"),
                    Attribute(name: "accept", value: ".csv,.xlsx"),
                ])
                Button("Check").attribute(named: "type", value: "submit")
            }
        }
    }
}
