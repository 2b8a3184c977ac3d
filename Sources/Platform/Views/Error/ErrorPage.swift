import Plot

/// The page a browser sees for any error: what happened in plain words and the request id to quote.
public struct ErrorPage: PageView {
    public let status: Int
    public let title: String
    public let detail: String
    public let requestID: String
    /// More than a sentence, for errors that carry it (`ErrorWithHTMLDetail`), e.g. both sides of a conflict.
    public var extra: Component? = nil

    public var pageTitle: String { "\(status) \(title)" }

    public func content() -> Component {
        Div {
            H1("\(status) · \(title)")
            Paragraph(detail).class("error-detail")
            if let extra { extra }
            Paragraph {
                Text("If you report this, quote request id ")
                Tag("code", text: requestID)
                Text(".")
            }.class("muted")
            Paragraph { Link("Back to the start page", url: "/") }
        }.class("error-page")
    }
}

/// An error that shows a browser more than its one-sentence reason: the error middleware renders
/// `htmlDetail` below it on the error page.
public protocol ErrorWithHTMLDetail: Error {
    var htmlDetail: Component { get }
}
