import Plot

/// An HTML element Plot has no component for (`main`, `details`, `summary`, `ol`, `dl`, `code`, …).
public struct Tag: Component {
    let name: String
    let content: () -> Component

    public init(_ name: String, @ComponentBuilder content: @escaping () -> Component) {
        self.name = name
        self.content = content
    }

    public init(_ name: String, text: String) {
        self.name = name
        self.content = { Text(text) }
    }

    public var body: Component {
        Node<HTML.BodyContext>.element(named: name, nodes: [.component(content())])
    }
}
