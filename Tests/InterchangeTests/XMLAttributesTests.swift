import Foundation
@testable import Interchange
import Testing

/// Attribute values kept as bytes: looked up by seeded name id, decoded on demand, shared when repeated, read as
/// booleans without a string, and duplicates caught by id and by name.
@Suite struct XMLAttributesTests {
    final class Collector: XMLTokenHandler {
        var seen: [(id: Int, attributes: XMLAttributes)] = []
        var lastChanges: [String?] = []
        var cache: String?

        func startElement(_ name: XMLName, attributes: XMLAttributes, line: Int) throws {
            seen.append((name.id, attributes.snapshot()))
            lastChanges.append(attributes.value(id: ReqIFAttributeName.lastChange.rawValue, reusing: &cache))
        }
        func endElement(_ name: XMLName, line: Int) throws {}
        func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }

    static func collect(_ xml: String) throws -> Collector {
        let bytes = Array(xml.utf8)
        let tokenizer = XMLTokenizer(chunkSize: 7, names: ReqIFAttributeName.seed, source: XMLTokenizerTests.source(bytes))
        let collector = Collector()
        try tokenizer.run(collector)
        return collector
    }

    @Test func seededNamesAreFoundByIDAndValuesDecodeOnDemand() throws {
        let xml = #"<R><A LONG-NAME="L &amp; M" IDENTIFIER="id-1" X="é" IS-EDITABLE=" TRUE " MULTI-VALUED="0"/></R>"#
        let collector = try Self.collect(xml)
        let attributes = collector.seen[1].attributes
        #expect(attributes[.identifier] == "id-1")
        #expect(attributes[.longName] == "L & M")
        #expect(attributes[.description] == nil)
        #expect(attributes["X"] == "é")
        #expect(attributes.names == ["LONG-NAME", "IDENTIFIER", "X", "IS-EDITABLE", "MULTI-VALUED"])
        #expect(attributes.values == ["L & M", "id-1", "é", " TRUE ", "0"])
        #expect(attributes.bool(.isEditable) == true)
        #expect(attributes.bool(.multiValued) == false)
        #expect(attributes.bool(.isTableInternal) == nil)
    }

    @Test func aRepeatedValueIsTheSameStringAndAChangedOneIsNot() throws {
        let xml = #"<R><A LAST-CHANGE="2018-10-12T16:43:58.000+02:00"/><B LAST-CHANGE="2018-10-12T16:43:58.000+02:00"/>"#
            + #"<C LAST-CHANGE="2019-01-01T00:00:00.000+02:00"/><D/></R>"#
        let changes = try Self.collect(xml).lastChanges
        #expect(changes == [nil, "2018-10-12T16:43:58.000+02:00", "2018-10-12T16:43:58.000+02:00", "2019-01-01T00:00:00.000+02:00", nil])
        // Shared storage: the second element's value is the first's string, not a copy.
        var first = changes[1]!, second = changes[2]!
        let a = first.withUTF8 { $0.baseAddress }, b = second.withUTF8 { $0.baseAddress }
        #expect(a == b)
    }

    @Test func anAttributeTwiceIsRefusedBySeededIDAndByName() throws {
        for xml in [#"<R IDENTIFIER="a" IDENTIFIER="b"/>"#, #"<R other="a" other="b"/>"#] {
            #expect(throws: XMLSyntaxError.self) { try Self.collect(xml) }
        }
    }

    @Test func aValueThatIsNotUTF8IsRefused() throws {
        var bytes = Array(#"<R IDENTIFIER="a"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""/>"#.utf8)
        let tokenizer = XMLTokenizer(names: ReqIFAttributeName.seed, source: XMLTokenizerTests.source(bytes))
        #expect(throws: XMLSyntaxError.self) { try tokenizer.run(Collector()) }
    }

    @Test func booleansAreReadFromTheirBytesInAnyCase() {
        let cases: [(String, Bool?)] = [
            ("true", true), ("TRUE", true), (" True\t", true), ("false", false), ("FaLsE", false), ("1", true), ("0", false),
            (" 0 ", false), ("", nil), ("tru", nil), ("truex", nil), ("fals", nil), ("yes", nil), ("T", nil), ("2", nil),
            ("\u{11}", nil), ("t rue", nil), ("TRUE1", nil),
        ]
        for (text, expected) in cases { #expect(ReqIFDocumentBuilder.bool(text) == expected, "\(text.debugDescription)") }
    }

    @Test func aLongValueSeenAgainSharesItsStringWhileItsSlotKeepsIt() {
        var cache = XMLStringCache(slots: 1)
        func string(_ text: String) -> String {
            var text = text
            return text.withUTF8 { cache.string($0) }
        }
        func storage(_ text: String) -> UnsafePointer<UInt8>? {
            var text = text
            return text.withUTF8 { $0.baseAddress }
        }
        let long = "System Requirement Description"
        let first = string(long), second = string(long)
        #expect(first == long && second == long && storage(first) == storage(second))
        // One slot: another value takes it, and the first is then made anew — equal, not shared.
        let other = string("Another value longer than fifteen bytes")
        let third = string(long)
        #expect(other == "Another value longer than fifteen bytes" && third == long && storage(third) != storage(first))
        #expect(string("short") == "short" && string("") == "" && string("Grüße, long enough to cache") == "Grüße, long enough to cache")
    }
}
