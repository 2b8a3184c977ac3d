import Foundation
@testable import Interchange
import Testing

/// Names, attribute values and indentation longer than the sixteen bytes the tokenizer scans at a time: what needs
/// a look (a reference, a tab, a line feed, a byte above ASCII, a stray `<`, a name's end) is found at every offset
/// within and across those blocks, and line numbers stay right when indentation is passed over.
@Suite struct XMLTokenizerLongTokensTests {
    typealias T = XMLTokenizerTests

    /// Thirty-nine bytes of name; a value with a reference, a tab, a line feed and non-ASCII at various offsets.
    static let longName = "REQ-IF-LONG-ELEMENT-NAME-FOR-WIDE-SCANS"
    static func value(at offset: Int) -> String {
        String(repeating: "v", count: offset) + "&amp;" + String(repeating: "w", count: 20) + "\t" + "é"
            + String(repeating: "x", count: offset % 7) + "\n" + "end"
    }

    @Test func whatNeedsALookIsFoundAtEveryOffset() throws {
        for offset in 0..<34 {
            let text = "<root>\n" + String(repeating: " ", count: offset) + "<\(Self.longName) \(Self.longName)-ATTRIBUTE=\""
                + Self.value(at: offset) + "\" short='q\"q'/>\n" + String(repeating: "\t ", count: offset)
                + "\n\n</root>"
            let decoded = String(repeating: "v", count: offset) + "&" + String(repeating: "w", count: 20) + " é"
                + String(repeating: "x", count: offset % 7) + " end"
            let expected = [
                "start root @1",
                "text \n" + String(repeating: " ", count: offset),
                // The value's line feed puts the tag's `>` on line 3.
                "start \(Self.longName) \(Self.longName)-ATTRIBUTE=[\(decoded)] short=[q\"q] @3",
                "end \(Self.longName) @3",
                "text \n" + String(repeating: "\t ", count: offset) + "\n\n",
                "end root @6",
            ]
            for chunk in [1, 16, 17, 1 << 20] {
                #expect(try T.events(text, chunk: chunk) == expected, "offset \(offset), chunk \(chunk)")
            }
        }
    }

    /// A handler that drops blank text, as the ReqIF builder does outside XHTML: the tokenizer passes the
    /// indentation over and must still count its lines.
    final class BlankSkipper: XMLTokenHandler {
        var lines: [String] = []
        private var pending: [UInt8] = []
        private func flush() {
            if !pending.isEmpty { lines.append("text " + String(decoding: pending, as: UTF8.self).trimmingCharacters(in: .whitespaces)) }
            pending.removeAll()
        }
        func startElement(_ name: XMLName, attributes: XMLAttributes, line: Int) throws {
            flush()
            lines.append("\(name.string)@\(line)")
        }
        func endElement(_ name: XMLName, line: Int) throws {
            flush()
            lines.append("/\(name.string)@\(line)")
        }
        func characters(_ bytes: UnsafeBufferPointer<UInt8>) { pending.append(contentsOf: bytes) }
        /// Blank text before any other is dropped, as the builder does: the tokenizer never hands it on.
        var skipsBlankText: Bool { pending.isEmpty }
    }

    @Test func passedOverIndentationStillCountsItsLines() throws {
        var text = "<root>"
        for index in 0..<40 { text += "\n" + String(repeating: " ", count: index) + "\t<e\(index)>\n\n  t\(index)  </e\(index)>" }
        text += "\r\n" + String(repeating: " ", count: 40) + "\r</root>"
        for chunk in [1, 16, 33, 1 << 20] {
            let handler = BlankSkipper()
            let tokenizer = XMLTokenizer(chunkSize: chunk, source: T.source(Array(text.utf8)))
            try tokenizer.run(handler)
            var expected = ["root@1"]
            for index in 0..<40 { expected += ["e\(index)@\(2 + 3 * index)", "text t\(index)", "/e\(index)@\(4 + 3 * index)"] }
            expected.append("/root@\(4 + 3 * 39 + 2)")
            #expect(handler.lines == expected, "chunk \(chunk)")
        }
    }

    @Test func errorsInLongTokensNameTheirLine() throws {
        let prefix = "<root>\n\n" + String(repeating: " ", count: 37)
        let tests = XMLTokenizerTests()
        for offset in [0, 15, 16, 17, 31, 40] {
            let lessThan = prefix + "<a x=\"" + String(repeating: "y", count: offset) + "<z\"/></root>"
            let error = try #require(tests.failure(lessThan), "offset \(offset)")
            #expect(error.message == "the value of x in <a> contains <" && error.line == 3, "offset \(offset): \(error)")

            let invalid = Array((prefix + "<a x=\"" + String(repeating: "y", count: offset)).utf8) + [0xC3, 0x28] + Array("\"/></root>".utf8)
            let notUTF8 = try #require(tests.failure(invalid), "offset \(offset)")
            #expect(notUTF8.message == "the value of x in <a> is not UTF-8", "offset \(offset): \(notUTF8)")
        }
        // An end tag that shares the open element's first bytes, or adds some, does not close it.
        for wrong in [Self.longName + "X", String(Self.longName.dropLast()), Self.longName.lowercased()] {
            let text = prefix + "<\(Self.longName)></\(wrong)></root>"
            let error = try #require(tests.failure(text))
            #expect(error.message == "</\(wrong)> closes <\(Self.longName)>; the tags do not match" && error.line == 3)
        }
        // White space before an end tag's `>` is allowed.
        #expect(try T.events("<\(Self.longName)></\(Self.longName) \n>", chunk: 1 << 20).last == "end \(Self.longName) @2")
    }
}
