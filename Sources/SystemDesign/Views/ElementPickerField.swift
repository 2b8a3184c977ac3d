import Platform
import Plot

/// A text field for an element key with typeahead: app.js fills the datalist from the project's picker as the
/// person types key or title words. Without script it takes a typed key. Every form that names an element uses it.
public struct ElementPickerField: Component {
    let field: FormField

    public init(_ label: String, name: String, value: String = "", error: String? = nil, hint: String? = nil,
                project: String, id: String? = nil)
    {
        let id = id ?? "field-" + name
        field = FormField(label, name: name, value: value, error: error, autocomplete: "off", hint: hint, id: id,
                          extra: [("list", id + "-options"), ("data-picker", SystemDesignRoute.picker(project: project).path)],
                          after: Node<HTML.BodyContext>.element(named: "datalist", nodes: [.attribute(named: "id", value: id + "-options")]))
    }

    public var body: Component { field }
}
