import Foundation
@testable import Interchange
import Testing

/// The names a ReqIF read starts with and the tables made from them once per process: they must say what the
/// strings say, and a file's own names must not leak from one read into the next.
@Suite struct ReqIFNameSeedTests {
    typealias Seed = ReqIFNameSeed

    @Test func attributesComeFirstAndEveryElementOfTheSchemaIsSeededOnce() {
        #expect(Array(Seed.names.prefix(ReqIFAttributeName.allCases.count)) == ReqIFAttributeName.seed)
        #expect(Set(Seed.names).count == Seed.names.count)
        #expect(Seed.names.count <= Seed.allowedIDs)
        for (parent, children) in ReqIFSchema.children {
            #expect(Seed.names.contains(parent))
            for child in children { #expect(Seed.names.contains(child), "\(child) inside \(parent)") }
        }
        let table = XMLNameTable(seed: Seed.seed)
        for (id, name) in Seed.names.enumerated() {
            let bytes = Array(name.utf8)
            #expect(bytes.withUnsafeBufferPointer { table.lookup($0.baseAddress!, count: $0.count) } == id)
        }
    }

    @Test func tagsAndTheSchemaTableAnswerAsTheStringsDo() {
        for (id, name) in Seed.names.enumerated() { #expect(Seed.tags[id] == ReqIFTag(name), "\(name)") }
        #expect(Seed.tags[Seed.names.count...].allSatisfy { $0 == nil })
        for (parent, parentName) in Seed.names.enumerated() {
            let children = ReqIFSchema.children[parentName]
            for (child, childName) in Seed.names.enumerated() {
                let allowed = children.map { $0.contains(childName) } ?? true
                #expect((Seed.allowed[parent * Seed.allowedIDs + child] == 1) == allowed, "\(childName) inside \(parentName)")
            }
        }
    }

    @Test func aTableMadeFromTheSeedKeepsItsOwnNamesToItself() {
        let first = XMLNameTable(seed: Seed.seed), second = XMLNameTable(seed: Seed.seed)
        let name = Array("X-TOOL-ELEMENT".utf8)
        let id = name.withUnsafeBufferPointer { first.lookup($0.baseAddress!, count: $0.count) }
        #expect(id == Seed.names.count)
        #expect(first.string(Seed.names.count) == "X-TOOL-ELEMENT")
        #expect(second.strings.count == Seed.names.count)
        #expect(XMLNameTable(seed: Seed.seed).strings == Seed.names)
    }

    static func document(_ objectContent: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
              <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"/></THE-HEADER>
              <CORE-CONTENT><REQ-IF-CONTENT>
                <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="T"/></SPEC-TYPES>
                <SPEC-OBJECTS><SPEC-OBJECT IDENTIFIER="o" LAST-CHANGE="2026-01-01T00:00:00Z">\(objectContent)
                  <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
                </SPEC-OBJECT></SPEC-OBJECTS>
              </REQ-IF-CONTENT></CORE-CONTENT>
            </REQ-IF>
            """.utf8)
    }

    @Test func namesTheSchemaDoesNotKnowAreStillCheckedInEveryRead() throws {
        // An unchecked parent takes a tool's own element; the same element where the schema lists the children
        // is refused, read after read (the shared tables are not written by a read).
        for _ in 0..<2 {
            let kept = try ReqIFReader().read(Self.document("<ALTERNATIVE-ID IDENTIFIER=\"a\"><X-TOOL/></ALTERNATIVE-ID>"), file: "a.reqif")
            #expect(kept.document.specObjects.map(\.typeRef) == ["t"])
            let refused = #expect(throws: ReqIFError.self) { try ReqIFReader().read(Self.document("<X-TOOL/>"), file: "b.reqif") }
            #expect(refused.map(String.init(describing:))?.contains("<X-TOOL> is not allowed inside <SPEC-OBJECT> (allowed: ALTERNATIVE-ID, TYPE, VALUES)") == true)
        }
    }
}
