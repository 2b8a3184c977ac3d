import Foundation
@testable import Interchange
import Testing

/// The byte-level tokenizer on its own: the same events whatever the chunk size (every construct cut at every
/// byte), line-end and attribute normalisation, line numbers, and a specific error for each malformed input.
@Suite struct XMLTokenizerTests {
    /// Records events as text, joining text pieces so chunking does not show.
    final class Recorder: XMLTokenHandler {
        var events: [String] = []
        private var pending: [UInt8] = []

        private func flush() {
            if !pending.isEmpty { events.append("text " + String(decoding: pending, as: UTF8.self)) }
            pending.removeAll()
        }

        func startElement(_ name: XMLName, attributes: XMLAttributes, line: Int) throws {
            flush()
            let pairs = zip(attributes.names, attributes.values).map { " \($0)=[\($1)]" }.joined()
            events.append("start \(name.string)\(pairs) @\(line)")
        }

        func endElement(_ name: XMLName, line: Int) throws {
            flush()
            events.append("end \(name.string) @\(line)")
        }

        func characters(_ bytes: UnsafeBufferPointer<UInt8>) { pending.append(contentsOf: bytes) }
    }

    /// A source handing out `data` in pieces of at most the buffer's free space.
    static func source(_ data: [UInt8]) -> XMLTokenizer.Source {
        var offset = 0
        return { buffer in
            let count = min(buffer.count, data.count - offset)
            data.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
            offset += count
            return count
        }
    }

    static func events(_ text: String, chunk: Int) throws -> [String] {
        try events(Array(text.utf8), chunk: chunk)
    }

    static func events(_ data: [UInt8], chunk: Int) throws -> [String] {
        let tokenizer = XMLTokenizer(chunkSize: chunk, source: source(data))
        let recorder = Recorder()
        try tokenizer.run(recorder)
        #expect(tokenizer.rootClosed)
        return recorder.events
    }

    static let sample = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- a comment with <tags> & -->\r\n"
        + "<root a=\"1\" b='two words'>\r\n"
        + "  <item key=\"x&amp;y &lt;&#65;&#x42;\" note=\"line\nbreak\ttab &#10;kept\"/>\r"
        + "<text>Grüße &amp; 5 &lt; 6 &gt; 4 &quot;q&quot; &apos;a&apos; &#x1F600;<![CDATA[<raw> & ]]></text>\n"
        + "<?pi inside?><x:y xmlns:x=\"urn:x\">kept</x:y>\r\n"
        + "</root>\n"

    @Test func theSameEventsWhateverTheChunkSize() throws {
        let expected = [
            "start root a=[1] b=[two words] @3",
            "text \n  ",
            "start item key=[x&y <AB] note=[line break tab \nkept] @5",
            "end item @5",
            "text \n",
            "start text @6",
            "text Grüße & 5 < 6 > 4 \"q\" 'a' 😀<raw> & ",
            "end text @6",
            "text \n",
            "start x:y xmlns:x=[urn:x] @7",
            "text kept",
            "end x:y @7",
            "text \n",
            "end root @8",
        ]
        for chunk in [1, 2, 3, 5, 7, 13, 64, 1 << 20] {
            #expect(try Self.events(Self.sample, chunk: chunk) == expected, "chunk size \(chunk)")
        }
    }

    func failure(_ text: String, chunk: Int = 1 << 20) -> XMLSyntaxError? {
        failure(Array(text.utf8), chunk: chunk)
    }

    func failure(_ data: [UInt8], chunk: Int = 1 << 20) -> XMLSyntaxError? {
        do {
            _ = try Self.events(data, chunk: chunk)
            return nil
        } catch let error as XMLSyntaxError {
            return error
        } catch {
            return nil
        }
    }

    @Test func malformedInputGetsASpecificErrorWithItsLine() throws {
        let cases: [(String, String, Int)] = [
            ("<a>\n<b></a>", "</a> closes <b>; the tags do not match", 2),
            ("<a>&nbsp;</a>", "the entity &nbsp; is undefined", 1),
            ("<a>\n\n& b</a>", "an & starts no entity", 3),
            ("<a>&#0;</a>", "&#0; is not a legal character reference", 1),
            ("<a x=\"1<2\"/>", "the value of x in <a> contains <", 1),
            ("<a x=\"1\" x=\"2\"/>", "<a> has the attribute x twice", 1),
            ("<a x=1/>", "the value of x in <a> is not quoted", 1),
            ("<a x=\"1\"y=\"2\"/>", "not separated by white space", 1),
            ("<a/>\ntext", "there is text after the root element", 2),
            ("<a/><b/>", "<b> follows the root element; an XML file has one root", 1),
            ("<a><b x=\"1", "the file ends inside <b>", 1),
            ("<a><!-- open", "the file ends inside a comment", 1),
            ("<a><!ELEMENT a ANY></a>", "<! starts neither a comment nor a CDATA section", 1),
            ("<a>\n<1b/></a>", "a start tag has no valid name", 2),
            ("</a>", "</a> closes nothing", 1),
        ]
        for (text, message, line) in cases {
            for chunk in [1, 4, 1 << 20] {
                let error = try #require(failure(text, chunk: chunk), "\(text) is accepted")
                #expect(error.message.contains(message), "\(text) (chunk \(chunk)): \(error.message)")
                #expect(error.line == line, "\(text) (chunk \(chunk)): line \(error.line)")
            }
        }
        for chunk in [1, 4, 1 << 20] {
            let invalid = try #require(failure(Array("<a x=\"".utf8) + [0xFF, 0xFE] + Array("\"/>".utf8), chunk: chunk))
            #expect(invalid.message == "the value of x in <a> is not UTF-8")
        }
        let doctype = try #require(failure("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"))
        #expect(doctype.refused && doctype.line == 2 && doctype.message.contains("the file has a DOCTYPE"))
    }

    @Test func aCutOffFileLeavesItsElementOpen() throws {
        let data = Array("<a><b>text".utf8)
        var done = false
        let tokenizer = XMLTokenizer { buffer in
            guard !done else { return 0 }
            done = true
            buffer.copyBytes(from: data)
            return data.count
        }
        try tokenizer.run(Recorder())
        #expect(!tokenizer.rootClosed && tokenizer.unclosedElement == "b")
    }

    @Test func aTagLongerThanTheLimitIsRefused() throws {
        let text = "<a x=\"" + String(repeating: "y", count: 5000) + "\"/>"
        let tokenizer = XMLTokenizer(chunkSize: 256, maxToken: 1024, source: Self.source(Array(text.utf8)))
        let error = try #require(throws: XMLSyntaxError.self) { try tokenizer.run(Recorder()) }
        #expect(error.message.contains("longer than"))
    }

    /// Past the name table's capacity names are no longer interned: elements and attributes with such names still
    /// report their names, end tags still match them, and repeats and mismatches are still caught.
    @Test func namesBeyondTheTableStillMatch() throws {
        var body = ""
        for index in 0..<(XMLNameTable.capacity + 100) { body += "<e\(index) a\(index)=\"v\(index)\"/>" }
        let nested = "<x1 p=\"1\"><x2 q=\"2\" q2=\"3\">t</x2></x1>"
        for chunk in [7, 1 << 20] {
            let events = try Self.events("<root>" + body + nested + "</root>", chunk: chunk)
            #expect(events.contains("start e611 a611=[v611] @1"))
            #expect(events.suffix(6) == ["start x1 p=[1] @1", "start x2 q=[2] q2=[3] @1", "text t", "end x2 @1", "end x1 @1", "end root @1"])
            let twice = try #require(failure("<root>" + body + "<y z9=\"1\" z9=\"2\"/></root>", chunk: chunk))
            #expect(twice.message == "<y> has the attribute z9 twice")
            let crossed = try #require(failure("<root>" + body + "<y1><y2></y1></root>", chunk: chunk))
            #expect(crossed.message == "</y1> closes <y2>; the tags do not match")
        }
    }
}
