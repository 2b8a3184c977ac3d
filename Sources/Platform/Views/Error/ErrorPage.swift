import Plot

/// The page a browser sees for any error: what happened in plain words and the request id to quote.
public struct ErrorPage: PageView {
    public let status: Int
    public let title: String
    public let detail: String
    public let requestID: String

    public var pageTitle: String { "\(status) \(title)" }

    public func content() -> Component {
        Div {
            H1("\(status) · \(title)")
            Paragraph(detail).class("error-detail")
            Paragraph {
                Text("If you report this, quote request id ")
                Tag("code", text: requestID)
                Text(".")
            }.class("muted")
            Paragraph { Link("Back to the start page", url: "/") }
        }.class("error-page")
    }
}
