/// What `XMLTokenizer` reports, in document order. Names are shared (interned) strings: the same element name is
/// the same string storage every time, so comparing and hashing them stays cheap over millions of elements.
protocol XMLTokenHandler: AnyObject {
    /// `id` is the name's number in the tokenizer's name table (`XMLNameTable`), -1 when it has none; `line` is
    /// the line of the start tag's closing `>`.
    func startElement(_ name: String, id: Int, attributes: XMLAttributes, line: Int) throws
    func endElement(_ name: String, id: Int, line: Int) throws
    /// Character data with entity and character references resolved and line ends normalised to `\n`. Text
    /// may arrive in several pieces, and a piece may end inside a UTF-8 sequence: collect bytes, decode at the end.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Where and why the XML itself is malformed (as opposed to well-formed XML that is not valid ReqIF).
struct XMLSyntaxError: Error, Sendable {
    let line: Int
    let message: String
    /// Well-formed perhaps, but refused on principle (a DOCTYPE), so not to be called malformed.
    var refused = false
}
