import Foundation
@testable import Interchange
import Testing

/// The ReqIF reader on real tools' files (the shared test data, via `SESA_TESTDATA`) and on hostile input.
@Suite struct ReqIFReaderTests {
    static let testdata: URL? = ProcessInfo.processInfo.environment["SESA_TESTDATA"].map { URL(fileURLWithPath: $0) }
    static let noTestdata = "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"

    static func files(_ folder: String, extension ext: String) -> [URL] {
        guard let base = testdata?.appendingPathComponent("reqif/\(folder)"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: base.path)
        else { return [] }
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { base.appendingPathComponent($0) }
    }

    /// Counted straight from the text, independently of the reader.
    static func countsFromText(_ url: URL) throws -> ReqIFDocument.Counts {
        let text = try String(contentsOf: url, encoding: .utf8)
        func count(_ regex: Regex<Substring>) -> Int { text.matches(of: regex).count }
        return ReqIFDocument.Counts(
            specObjects: count(/<SPEC-OBJECT[\s>\/]/), specRelations: count(/<SPEC-RELATION[\s>\/]/),
            specifications: count(/<SPECIFICATION[\s>\/]/), hierarchyNodes: count(/<SPEC-HIERARCHY[\s>\/]/),
            attributeValues: count(/<ATTRIBUTE-VALUE-[A-Z]+[\s>\/]/) - count(/<DEFAULT-VALUE[\s>]/))
    }

    @Test(.enabled(if: testdata != nil, "\(noTestdata)"))
    func everyPlainReqIFFileOfTheSharedSetReadsWithTheCountsOfItsXML() throws {
        let files = Self.files("valid", extension: "reqif")
        #expect(files.count >= 45, "the shared set has 49 .reqif files")
        for url in files {
            let result = try ReqIFReader().read(contentsOf: url)
            #expect(result.document.counts == (try Self.countsFromText(url)), "\(url.lastPathComponent)")
            #expect(result.document.header.version == nil || result.document.header.version == "1.0")
        }
    }

    @Test(.enabled(if: testdata != nil, "\(noTestdata)"))
    func everyInvalidFileGetsItsOwnError() throws {
        let expected: [String: String] = [
            "03_doctype_incorrect_encoding.reqif": "line 1: the file declares the encoding ISO-8859-1; ReqIF files must be UTF-8",
            "04_empty_file.reqif": "the file is empty",
            "05_random_file_from_chatgpt.reqif": "<SPECIFICATIONS> is not allowed inside <CORE-CONTENT> (allowed: REQ-IF-CONTENT)",
            "SPEC-RELATION__01_SOURCE_missing.reqif": "SPEC-RELATION _67JkkGyBEeuM1tJZu08zdg has no SOURCE",
            "SPEC-RELATION__02_TARGET_missing.reqif": "has no TARGET",
            "_xsd_schema_validation__01_incorrect_reqif_version.reqif": "REQ-IF-VERSION is 1.2; the ReqIF schema fixes it at 1.0",
            "_xsd_schema_validation__02_invalid_is_editable_tag.reqif": "<IS-EDITABLE> is not allowed inside",
            "_xsd_schema_validation__03_invalid_table_internal.reqif": "<IS-TABLE-INTERNAL> is not allowed inside <SPEC-HIERARCHY>",
        ]
        let files = Self.files("invalid", extension: "reqif")
        // Harmless, so warnings: the entries are kept in the document and skipped by the import (the valid set has
        // such partial exports too: Doors__06, and the ReqIF specification's Enterprise Architect example).
        let warned: [String: String] = [
            "02_missing_xml_doctype_declaration.reqif": "line 1: the file has no XML declaration",
            "SPEC-HIERARCHY__01_SPEC-OBJECT-REF_does_not_exist.reqif": "line 11: SPEC-HIERARCHY _gFhrb2ojEeuExICsU7Acmg refers to the "
                + "SPEC-OBJECT _gFhrY2ojEeuExICsU7Acmg, which the file does not define; the entry is skipped",
            "SPEC-RELATION__03_SOURCE_links_to_a_missing_SPEC-OBJECT.reqif": "line 20: SPEC-RELATION _67JkkGyBEeuM1tJZu08zdg has the "
                + "SOURCE NON_EXISTING_UID, which is no SPEC-OBJECT of the file; the relation is skipped",
            "SPEC-RELATION__04_TARGET_links_to_a_missing_SPEC-OBJECT.reqif": "line 20: SPEC-RELATION _67JkkGyBEeuM1tJZu08zdg has the "
                + "TARGET NON_EXISTING_UID, which is no SPEC-OBJECT of the file; the relation is skipped",
        ]
        #expect(files.count == expected.count + warned.count)
        for url in files {
            let name = url.lastPathComponent
            if let warning = warned[name] {
                let result = try ReqIFReader().read(contentsOf: url)
                #expect(result.warnings.contains { $0.description.hasPrefix(warning) }, "\(name): \(result.warnings)")
                continue
            }
            let message = try #require(expected[name], "no expectation for \(name)")
            let error = try #require(throws: ReqIFError.self, "\(name)") { try ReqIFReader().read(contentsOf: url) }
            #expect(error.description.hasPrefix(name + ", line ") || error.description.hasPrefix(name + ":"), "\(error)")
            #expect(error.description.contains(message), "\(name): \(error)")
        }
    }

    static let minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
          <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h1"><REQ-IF-VERSION>1.0</REQ-IF-VERSION><TITLE>Demo</TITLE></REQ-IF-HEADER></THE-HEADER>
          <CORE-CONTENT><REQ-IF-CONTENT>
            <DATATYPES>
              <DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-x" LONG-NAME="XHTML"/>
              <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-e"><SPECIFIED-VALUES>
                <ENUM-VALUE IDENTIFIER="ev-1" LONG-NAME="High"><PROPERTIES><EMBEDDED-VALUE KEY="1" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
                <ENUM-VALUE IDENTIFIER="ev-2" LONG-NAME="Low"><PROPERTIES><EMBEDDED-VALUE KEY="2" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
              </SPECIFIED-VALUES></DATATYPE-DEFINITION-ENUMERATION>
            </DATATYPES>
            <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t-req" LONG-NAME="Requirement"><SPEC-ATTRIBUTES>
              <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="ad-text" LONG-NAME="ReqIF.Text"><TYPE><DATATYPE-DEFINITION-XHTML-REF>dt-x</DATATYPE-DEFINITION-XHTML-REF></TYPE></ATTRIBUTE-DEFINITION-XHTML>
              <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="ad-prio" LONG-NAME="Priority" MULTI-VALUED="true"><TYPE><DATATYPE-DEFINITION-ENUMERATION-REF>dt-e</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE></ATTRIBUTE-DEFINITION-ENUMERATION>
            </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE></SPEC-TYPES>
            <SPEC-OBJECTS>
              <SPEC-OBJECT IDENTIFIER="o-1"><VALUES>
                <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>ad-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>
                  <THE-VALUE><xhtml:div>Delay <xhtml:b class="x">&lt;= 5 s</xhtml:b></xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
                <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>ad-prio</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
                  <VALUES><ENUM-VALUE-REF>ev-1</ENUM-VALUE-REF><ENUM-VALUE-REF>ev-2</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
              </VALUES><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
              <SPEC-OBJECT IDENTIFIER="o-2"><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
            </SPEC-OBJECTS>
            <SPEC-RELATIONS>
              <SPEC-RELATION IDENTIFIER="r-1"><SOURCE><SPEC-OBJECT-REF>o-2</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>o-1</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>
            </SPEC-RELATIONS>
            <SPECIFICATIONS><SPECIFICATION IDENTIFIER="s-1" LONG-NAME="System"><CHILDREN>
              <SPEC-HIERARCHY IDENTIFIER="h-1"><OBJECT><SPEC-OBJECT-REF>o-1</SPEC-OBJECT-REF></OBJECT><CHILDREN>
                <SPEC-HIERARCHY IDENTIFIER="h-2" IS-TABLE-INTERNAL="false"><OBJECT><SPEC-OBJECT-REF>o-2</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
              </CHILDREN></SPEC-HIERARCHY>
            </CHILDREN></SPECIFICATION></SPECIFICATIONS>
          </REQ-IF-CONTENT></CORE-CONTENT>
          <TOOL-EXTENSIONS><REQ-IF-TOOL-EXTENSION><x:y xmlns:x="urn:x" a="1">kept</x:y></REQ-IF-TOOL-EXTENSION></TOOL-EXTENSIONS>
        </REQ-IF>
        """

    @Test func aSmallFileReadsCompletely() throws {
        let result = try ReqIFReader().read(Data(Self.minimal.utf8), file: "demo.reqif")
        let document = result.document
        #expect(result.warnings.isEmpty)
        #expect(document.header.identifier == "h1" && document.header.title == "Demo" && document.header.version == "1.0")
        #expect(document.counts == .init(specObjects: 2, specRelations: 1, specifications: 1, hierarchyNodes: 2, attributeValues: 2))
        #expect(document.datatypes.last?.values.map(\.key) == ["1", "2"])
        let priority = try #require(document.specTypes.first?.attributes.last)
        #expect(priority.multiValued && priority.datatypeRef == "dt-e" && priority.kind == .enumeration)
        let values = try #require(document.specObjects.first?.values)
        #expect(values[0].value == .xhtml(#"<xhtml:div>Delay <xhtml:b class="x">&lt;= 5 s</xhtml:b></xhtml:div>"#, original: nil))
        #expect(values[1].value == .enumeration(["ev-1", "ev-2"]) && values[1].definitionRef == "ad-prio")
        #expect(document.specRelations.first.map { ($0.sourceRef, $0.targetRef) } ?? ("", "") == ("o-2", "o-1"))
        #expect(document.specifications.first?.children.first?.children.first?.objectRef == "o-2")
        #expect(document.specifications.first?.children.first?.children.first?.isTableInternal == false)
        #expect(document.toolExtensions == #"<REQ-IF-TOOL-EXTENSION><x:y a="1" xmlns:x="urn:x">kept</x:y></REQ-IF-TOOL-EXTENSION>"#)
    }

    func failure(_ text: String, reader: ReqIFReader = ReqIFReader()) throws -> String {
        try #require(throws: ReqIFError.self) { try reader.read(Data(text.utf8), file: "bad.reqif") }.description
    }

    @Test func hostileInputIsRefusedWithAReason() throws {
        let xxe = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE REQ-IF [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <REQ-IF><THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><TITLE>&secret;</TITLE></REQ-IF-HEADER></THE-HEADER></REQ-IF>
            """
        #expect(try failure(xxe).contains("bad.reqif, line 2: the file has a DOCTYPE"))
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <REQ-IF>&lol2;</REQ-IF>
            """
        #expect(try failure(laughs).contains("the file has a DOCTYPE"))
        let deep = "<?xml version=\"1.0\"?><REQ-IF><TOOL-EXTENSIONS>" + String(repeating: "<a>", count: 10_000)
            + String(repeating: "</a>", count: 10_000) + "</TOOL-EXTENSIONS></REQ-IF>"
        let depth = try failure(deep)
        #expect(depth.contains("nested more than 500 deep") || depth.contains("the XML is malformed"), "\(depth)")
        #expect(try failure("not xml at all").contains("does not start with XML"))
        let cut = try failure("<?xml version=\"1.0\"?><REQ-IF><CORE-CONTENT>")
        #expect(cut.contains("the XML is malformed") || cut.contains("the file ends before </REQ-IF>: it is cut off"), "\(cut)")
        #expect(try failure("<?xml version=\"1.0\"?><html/>").contains("the root element is <html>, not <REQ-IF>"))
        let duplicate = Self.minimal.replacingOccurrences(of: #"IDENTIFIER="o-2""#, with: #"IDENTIFIER="o-1""#)
        #expect(try failure(duplicate).contains("the IDENTIFIER o-1 is used twice"))
        let dangling = Self.minimal.replacingOccurrences(of: "<TARGET><SPEC-OBJECT-REF>o-1", with: "<TARGET><SPEC-OBJECT-REF>o-9")
        #expect(try ReqIFReader().read(Data(dangling.utf8), file: "d.reqif").warnings.map(\.message)
            == ["SPEC-RELATION r-1 has the TARGET o-9, which is no SPEC-OBJECT of the file; the relation is skipped"])
        let headless = Self.minimal.replacingOccurrences(of: "<SOURCE><SPEC-OBJECT-REF>o-2</SPEC-OBJECT-REF></SOURCE>", with: "")
        #expect(try failure(headless).contains("SPEC-RELATION r-1 has no SOURCE"))
        #expect(try failure(Self.minimal, reader: ReqIFReader(maxBytes: 1024)).contains("the limit is 0 MB"))
    }

    @Test func xsdBooleansAreReadInAnyCaseWithBlanksAround() {
        for (text, value) in [("true", true), (" TRUE ", true), ("1", true), ("false", false), ("\tFalse", false), ("0", false)] {
            #expect(ReqIFDocumentBuilder.bool(text) == value, "\(text)")
        }
        for text in ["", "yes", "truee", "2", "fals", "t rue"] { #expect(ReqIFDocumentBuilder.bool(text) == nil, "\(text)") }
    }

    @Test func theXMLDeclarationsEncodingIsFoundWithEitherQuote() {
        #expect(ReqIFReader.declaredEncoding(Array(#"<?xml version="1.0" encoding = 'ISO-8859-1'?"#.utf8)) == "ISO-8859-1")
        #expect(ReqIFReader.declaredEncoding(Array(#"<?xml version="1.0" encoding="UTF-8"?"#.utf8)) == "UTF-8")
        #expect(ReqIFReader.declaredEncoding(Array(#"<?xml version="1.0"?"#.utf8)) == nil)
    }

    @Test func aGigabyteFileIsRefusedBeforeItIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sesa-\(UUID().uuidString).reqif")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("<?xml version=\"1.0\"?>".utf8)))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 1 << 30) // sparse: no gigabyte is written
        try handle.close()
        let error = try #require(throws: ReqIFError.self) { try ReqIFReader().read(contentsOf: url) }
        #expect(error.message == "the file is 1024 MB; the limit is 256 MB")
    }
}
