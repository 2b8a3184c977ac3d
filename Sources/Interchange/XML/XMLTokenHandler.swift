/// What `XMLTokenizer` reports, in document order. Element names come as their number in the tokenizer's name
/// table (`XMLName.id`: the same name, the same number; negative for a name the full table does not hold), with
/// the string on demand, so a handler dispatches on integers over millions of elements.
protocol XMLTokenHandler: AnyObject {
    /// `line` is the line of the start tag's closing `>`.
    func startElement(_ name: XMLName, attributes: XMLAttributes, line: Int) throws
    func endElement(_ name: XMLName, line: Int) throws
    /// Character data with entity and character references resolved and line ends normalised to `\n`. Text
    /// may arrive in several pieces, and a piece may end inside a UTF-8 sequence: collect bytes, decode at the end.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// True while white space arriving now would be dropped: the tokenizer then passes over it without a call.
    /// Most of the text in an indented interchange file is the indentation between tags.
    var skipsBlankText: Bool { get }
}

extension XMLTokenHandler {
    var skipsBlankText: Bool { false }
}

/// Where and why the XML itself is malformed (as opposed to well-formed XML that is not valid ReqIF).
struct XMLSyntaxError: Error, Sendable {
    let line: Int
    let message: String
    /// Well-formed perhaps, but refused on principle (a DOCTYPE), so not to be called malformed.
    var refused = false
}
