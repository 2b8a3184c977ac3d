import Foundation
import Testing
@testable import Interchange

/// The whole-document checks, which work from what the builder noted while reading (identifier table, pending
/// references): identity errors with both lines, forward references, tolerated repeats and aliases.
struct ReqIFChecksTests {
    let minimal = ReqIFReaderTests.minimal

    func read(_ text: String) throws -> ReqIFReader.Result {
        try ReqIFReader().read(Data(text.utf8), file: "c.reqif")
    }

    func failure(_ text: String) throws -> String {
        try #require(throws: ReqIFError.self) { try read(text) }.description
    }

    @Test func aRepeatedIdentifierNamesBothLinesAndAMissingOneItsElement() throws {
        let repeated = minimal.replacingOccurrences(of: #"IDENTIFIER="o-2""#, with: #"IDENTIFIER="t-req""#)
        #expect(try failure(repeated) == "c.reqif, line 23: the IDENTIFIER t-req is used twice (again by a SPEC-OBJECT; first on line 12)")
        let anonymous = minimal.replacingOccurrences(of: #" IDENTIFIER="ev-2""#, with: "")
        #expect(try failure(anonymous) == "c.reqif, line 9: an ENUM-VALUE has no IDENTIFIER")
    }

    @Test func forwardReferencesResolveAtTheEndOfTheFile() throws {
        // Relations and the specification before the objects they name: unusual, allowed, and nothing is missing.
        let objects = try #require(minimal.range(of: "<SPEC-OBJECTS>")?.lowerBound)
        let objectsEnd = try #require(minimal.range(of: "</SPEC-OBJECTS>")?.upperBound)
        let specificationsEnd = try #require(minimal.range(of: "</SPECIFICATIONS>")?.upperBound)
        let block = minimal[objects..<objectsEnd]
        let reordered = minimal[..<objects] + minimal[objectsEnd..<specificationsEnd] + block + minimal[specificationsEnd...]
        let result = try read(String(reordered))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.document.counts == (try read(minimal)).document.counts)
    }

    @Test func referencesToTheWrongKindOfElementAreWarnedAbout() throws {
        let typeAsSource = minimal.replacingOccurrences(of: "<SOURCE><SPEC-OBJECT-REF>o-2", with: "<SOURCE><SPEC-OBJECT-REF>t-req")
            .replacingOccurrences(of: "<TARGET><SPEC-OBJECT-REF>o-1", with: "<TARGET><SPEC-OBJECT-REF>o-7")
        #expect(try read(typeAsSource).warnings.map(\.description) == [
            "line 26: SPEC-RELATION r-1 has the SOURCE t-req, which is no SPEC-OBJECT of the file; the relation is skipped",
            "line 26: SPEC-RELATION r-1 has the TARGET o-7, which is no SPEC-OBJECT of the file; the relation is skipped",
        ])
        let relationAsObject = minimal.replacingOccurrences(of: "<OBJECT><SPEC-OBJECT-REF>o-2", with: "<OBJECT><SPEC-OBJECT-REF>r-1")
        #expect(try read(relationAsObject).warnings.map(\.message)
            == ["SPEC-HIERARCHY h-2 refers to the SPEC-OBJECT r-1, which the file does not define; the entry is skipped"])
        let definitionAsType = minimal.replacingOccurrences(of: "<SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>\n    </SPEC-OBJECTS>",
                                                            with: "<SPEC-OBJECT-TYPE-REF>ad-text</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>\n    </SPEC-OBJECTS>")
        #expect(try read(definitionAsType).warnings.map(\.message) == ["types named but not defined: ad-text"])
        let group = minimal.replacingOccurrences(of: "</SPECIFICATIONS>", with: """
            </SPECIFICATIONS><SPEC-RELATION-GROUPS><RELATION-GROUP IDENTIFIER="g-1"><SOURCE-SPECIFICATION><SPECIFICATION-REF>s-1\
            </SPECIFICATION-REF></SOURCE-SPECIFICATION><SPEC-RELATIONS><SPEC-RELATION-REF>r-1</SPEC-RELATION-REF><SPEC-RELATION-REF>r-7\
            </SPEC-RELATION-REF><SPEC-RELATION-REF>o-1</SPEC-RELATION-REF></SPEC-RELATIONS><TARGET-SPECIFICATION><SPECIFICATION-REF>s-9\
            </SPECIFICATION-REF></TARGET-SPECIFICATION></RELATION-GROUP></SPEC-RELATION-GROUPS>
            """)
        #expect(try read(group).warnings.map(\.message) == [
            "RELATION-GROUP g-1 refers to the SPECIFICATION s-9, which this file does not define",
            "RELATION-GROUP g-1 refers to 2 SPEC-RELATIONs this file does not define: r-7, o-1",
        ])
    }

    @Test func hierarchyRepeatsAliasesAndTheHeaderAreNoIdentityErrors() throws {
        let hierarchy = minimal.replacingOccurrences(of: #"IDENTIFIER="h-2""#, with: #"IDENTIFIER="o-1""#)
        #expect(try read(hierarchy).warnings.map(\.message)
            == ["SPEC-HIERARCHY IDENTIFIERs used more than once (kept; the import does not depend on them): o-1"])
        // An ALTERNATIVE-ID naming another object, and a header sharing an object's IDENTIFIER: no error, and o-1
        // still counts as the SPEC-OBJECT the relation and the hierarchy refer to.
        let aliased = minimal.replacingOccurrences(of: #"<SPEC-OBJECT IDENTIFIER="o-2">"#,
                                                   with: #"<SPEC-OBJECT IDENTIFIER="o-2"><ALTERNATIVE-ID><ALTERNATIVE-ID IDENTIFIER="o-1"/></ALTERNATIVE-ID>"#)
            .replacingOccurrences(of: #"IDENTIFIER="h1""#, with: #"IDENTIFIER="o-1""#)
        let result = try read(aliased)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.document.specObjects.map(\.identity.identifier) == ["o-1", "o-2"])
    }
}
