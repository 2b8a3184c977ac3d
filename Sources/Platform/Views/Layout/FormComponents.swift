import Plot

/// A labelled input with its error, for forms rendered by the server. Values go through `HTMLEscape.attribute`.
public struct FormField: Component {
    let label: String
    let name: String
    let type: String
    let value: String
    let error: String?
    let autocomplete: String?
    let hint: String?
    let id: String
    let extra: [(String, String)]
    let after: Component?

    /// `id` defaults to `field-<name>`; give one when a page has several forms with the same field name.
    /// `extra` adds input attributes (escaped here), `after` an element after the input (a `datalist`).
    public init(_ label: String, name: String, type: String = "text", value: String = "", error: String? = nil,
                autocomplete: String? = nil, hint: String? = nil, id: String? = nil, extra: [(String, String)] = [],
                after: Component? = nil) {
        self.id = id ?? "field-" + name
        self.extra = extra
        self.after = after
        self.label = label
        self.name = name
        self.type = type
        self.value = value
        self.error = error
        self.autocomplete = autocomplete
        self.hint = hint
    }

    public var body: Component {
        var attributes: [Attribute<HTML.InputContext>] = [
            .attribute(named: "type", value: type), .attribute(named: "name", value: name),
            .attribute(named: "id", value: id), .attribute(named: "value", value: HTMLEscape.attribute(value)),
        ]
        if let autocomplete { attributes.append(.attribute(named: "autocomplete", value: autocomplete)) }
        for (name, value) in extra { attributes.append(.attribute(named: name, value: HTMLEscape.attribute(value))) }
        if error != nil {
            attributes.append(.attribute(named: "aria-invalid", value: "true"))
            attributes.append(.attribute(named: "aria-describedby", value: id + "-error"))
        }
        return Div {
            Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: id), .text(label)])
            if let hint { Paragraph(hint).class("hint") }
            Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: attributes)
            if let after { after }
            if let error { Paragraph(error).class("field-error").id(id + "-error") }
        }.class(error == nil ? "field" : "field field-invalid")
    }
}

/// A POST form with its CSRF field; `content` adds the fields and buttons.
public struct PostForm: Component {
    let action: String
    let csrfToken: String
    let content: () -> Component

    let multipart: Bool

    /// `multipart`: the form uploads files.
    public init(action: String, csrfToken: String, multipart: Bool = false, @ComponentBuilder content: @escaping () -> Component) {
        self.action = action
        self.csrfToken = csrfToken
        self.multipart = multipart
        self.content = content
    }

    public var body: Component {
        Node<HTML.BodyContext>.element(named: "form", nodes: [
            .attribute(named: "method", value: "post"),
            .attribute(named: "action", value: HTMLEscape.attribute(action)),
            multipart ? .attribute(named: "enctype", value: "multipart/form-data") : .empty,
            .selfClosedElement(named: "input", attributes: [
                .attribute(named: "type", value: "hidden"), .attribute(named: "name", value: CSRFMiddleware.fieldName),
                .attribute(named: "value", value: HTMLEscape.attribute(csrfToken)),
            ]),
            .component(content()),
        ])
    }
}

/// A form's error summary, announced to screen readers.
public struct FormErrors: Component {
    let messages: [String]
    public init(_ messages: [String]) { self.messages = messages }

    public var body: Component {
        if messages.isEmpty { return EmptyComponent() }
        return Div {
            for message in messages { Paragraph(message) }
        }.class("form-errors").attribute(named: "role", value: "alert")
    }
}

/// A labelled multi-line text field.
public struct TextAreaField: Component {
    let label: String
    let name: String
    let value: String
    let error: String?
    let rows: Int

    let id: String

    public init(_ label: String, name: String, value: String = "", error: String? = nil, rows: Int = 6, id: String? = nil) {
        self.id = id ?? "field-" + name
        self.label = label
        self.name = name
        self.value = value
        self.error = error
        self.rows = rows
    }

    public var body: Component {
        var nodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "name", value: name), .attribute(named: "id", value: id),
            .attribute(named: "rows", value: String(rows)),
        ]
        if error != nil {
            nodes.append(.attribute(named: "aria-invalid", value: "true"))
            nodes.append(.attribute(named: "aria-describedby", value: id + "-error"))
        }
        nodes.append(.text(HTMLEscape.attribute(value)))
        return Div {
            Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: id), .text(label)])
            Node<HTML.BodyContext>.element(named: "textarea", nodes: nodes)
            if let error { Paragraph(error).class("field-error").id(id + "-error") }
        }.class(error == nil ? "field" : "field field-invalid")
    }
}

/// A labelled drop-down list; `options` are (value, title) pairs.
public struct SelectField: Component {
    let label: String
    let name: String
    let options: [(value: String, title: String)]
    let selected: String
    let error: String?

    let id: String

    public init(_ label: String, name: String, options: [(value: String, title: String)], selected: String = "",
                error: String? = nil, id: String? = nil) {
        self.id = id ?? "field-" + name
        self.label = label
        self.name = name
        self.options = options
        self.selected = selected
        self.error = error
    }

    public var body: Component {
        var nodes: [Node<HTML.BodyContext>] = [.attribute(named: "name", value: name), .attribute(named: "id", value: id)]
        for option in options {
            // Kept when empty: Plot drops empty attributes, and an <option> without `value` submits its title.
            var optionNodes: [Node<HTML.BodyContext>] = [
                .attribute(named: "value", value: HTMLEscape.attribute(option.value), ignoreIfValueIsEmpty: false)]
            if option.value == selected { optionNodes.append(.attribute(named: "selected", value: "selected")) }
            // Escaped here (quotes too, as before); Plot's per-Character escaping is slow for long option lists.
            optionNodes.append(.raw(HTMLEscape.attribute(option.title)))
            nodes.append(.element(named: "option", nodes: optionNodes))
        }
        return Div {
            Node<HTML.BodyContext>.element(named: "label", nodes: [.attribute(named: "for", value: id), .text(label)])
            Node<HTML.BodyContext>.element(named: "select", nodes: nodes)
            if let error { Paragraph(error).class("field-error").id(id + "-error") }
        }.class(error == nil ? "field" : "field field-invalid")
    }
}

/// A labelled check box that posts `1` when ticked.
public struct CheckboxField: Component {
    let label: String
    let name: String
    let checked: Bool

    public init(_ label: String, name: String, checked: Bool = false) {
        self.label = label
        self.name = name
        self.checked = checked
    }

    public var body: Component {
        var attributes: [Attribute<HTML.BodyContext>] = [
            Attribute(name: "type", value: "checkbox"), Attribute(name: "name", value: name),
            Attribute(name: "value", value: "1"),
        ]
        if checked { attributes.append(Attribute(name: "checked", value: "checked")) }
        return Div {
            Node<HTML.BodyContext>.element(named: "label", nodes: [
                .selfClosedElement(named: "input", attributes: attributes), .text(" " + label),
            ])
        }.class("field checkbox")
    }
}

/// A one-button POST form, for row actions such as "Remove" or "Disable".
public struct ActionButton: Component {
    let title: String
    let action: String
    let csrfToken: String
    let fields: [(String, String)]
    let style: String

    public init(_ title: String, action: String, csrfToken: String, fields: [(String, String)] = [],
                style: String = "") {
        self.title = title
        self.action = action
        self.csrfToken = csrfToken
        self.fields = fields
        self.style = style
    }

    public var body: Component {
        PostForm(action: action, csrfToken: csrfToken) {
            for (name, value) in fields {
                Node<HTML.BodyContext>.selfClosedElement(named: "input", attributes: [
                    Attribute<HTML.BodyContext>(name: "type", value: "hidden"),
                    Attribute(name: "name", value: HTMLEscape.attribute(name)),
                    Attribute(name: "value", value: HTMLEscape.attribute(value)),
                ])
            }
            Button(title).attribute(named: "type", value: "submit").class(style)
        }.class("inline-form")
    }
}

/// The errors of one form field as one sentence, or nil: what a field shows under its input.
public func fieldError(_ errors: [ProblemDetails.FieldError], _ field: String) -> String? {
    let matching = errors.filter { $0.field == field }
    return matching.isEmpty ? nil : matching.map(\.reason.sentenceCased).joined(separator: " ")
}
