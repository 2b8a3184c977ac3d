import Foundation
import Interchange
import Testing

/// ReqIF written back: read → write → read gives the same document (with the schema's required values filled
/// in), on every file of the shared set. With `SESA_REQIF_EXPORT_DIR` set, the written files are left there
/// for `Tests/interchange/reqif_roundtrip.py`, which compares them with the originals through the Python
/// `reqif` library (CI runs it).
@Suite struct ReqIFWriterTests {
    static let writer = ReqIFWriter(timestamp: "2026-01-01T00:00:00Z")

    /// What the writer adds where the schema requires a value the document lacks.
    static func filled(_ document: ReqIFDocument) -> ReqIFDocument {
        var document = document
        func fill(_ identity: inout ReqIFDocument.Identity) { if identity.lastChange == nil { identity.lastChange = writer.timestamp } }
        if document.header.identifier.isEmpty { document.header.identifier = "sesa-header" }
        if document.header.creationTime == nil { document.header.creationTime = writer.timestamp }
        if document.header.toolID == nil { document.header.toolID = writer.toolID }
        if document.header.sourceToolID == nil { document.header.sourceToolID = writer.toolID }
        if document.header.title == nil { document.header.title = "" }
        document.header.version = "1.0"
        document.namespaces["xmlns"] = ReqIFWriter.reqifNamespace
        if document.namespaces["xmlns:xhtml"] == nil { document.namespaces["xmlns:xhtml"] = ReqIFWriter.xhtmlNamespace }
        for index in document.datatypes.indices {
            fill(&document.datatypes[index].identity)
            switch document.datatypes[index].kind {
            case .string: if document.datatypes[index].maxLength == nil { document.datatypes[index].maxLength = "32000" }
            case .integer:
                if document.datatypes[index].max == nil { document.datatypes[index].max = "2147483647" }
                if document.datatypes[index].min == nil { document.datatypes[index].min = "-2147483648" }
            case .real:
                if document.datatypes[index].accuracy == nil { document.datatypes[index].accuracy = "10" }
                if document.datatypes[index].max == nil { document.datatypes[index].max = "1.7976931348623157E308" }
                if document.datatypes[index].min == nil { document.datatypes[index].min = "-1.7976931348623157E308" }
            default: break
            }
            for value in document.datatypes[index].values.indices { fill(&document.datatypes[index].values[value].identity) }
        }
        for index in document.specTypes.indices {
            fill(&document.specTypes[index].identity)
            for attribute in document.specTypes[index].attributes.indices { fill(&document.specTypes[index].attributes[attribute].identity) }
        }
        for index in document.specObjects.indices { fill(&document.specObjects[index].identity) }
        for index in document.specRelations.indices { fill(&document.specRelations[index].identity) }
        for index in document.relationGroups.indices { fill(&document.relationGroups[index].identity) }
        func fillNodes(_ nodes: inout [ReqIFDocument.HierarchyNode]) {
            for index in nodes.indices {
                fill(&nodes[index].identity)
                fillNodes(&nodes[index].children)
            }
        }
        for index in document.specifications.indices {
            fill(&document.specifications[index].identity)
            fillNodes(&document.specifications[index].children)
        }
        return document
    }

    @Test func theSmallFileRoundTrips() throws {
        let original = try ReqIFReader().read(Data(ReqIFReaderTests.minimal.utf8), file: "demo.reqif").document
        let written = Self.writer.write(original)
        let again = try ReqIFReader().read(written, file: "demo-export.reqif")
        #expect(again.warnings.isEmpty)
        #expect(again.document == Self.filled(original))
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(text.contains(#"<SPEC-OBJECT IDENTIFIER="o-1" LAST-CHANGE="2026-01-01T00:00:00Z">"#))
        #expect(text.contains(#"<xhtml:div>Delay <xhtml:b class="x">&lt;= 5 s</xhtml:b></xhtml:div>"#))
    }

    @Test func textIsEscapedAndComesBackUnchanged() throws {
        var document = try ReqIFReader().read(Data(ReqIFReaderTests.minimal.utf8), file: "demo.reqif").document
        document.header.title = #"Tom & Jerry's <"quoted"> title"#
        document.specObjects[1].values = [.init(kind: .string, definitionRef: "ad-text", value: .text("line 1\nline 2\t\"&<>"))]
        let again = try ReqIFReader().read(Self.writer.write(document), file: "x.reqif").document
        #expect(again.header.title == document.header.title)
        #expect(again.specObjects[1].values == document.specObjects[1].values)
    }

    @Test(.enabled(if: ReqIFReaderTests.testdata != nil, "\(ReqIFReaderTests.noTestdata)"))
    func everySharedFileRoundTrips() throws {
        let exportDirectory = ProcessInfo.processInfo.environment["SESA_REQIF_EXPORT_DIR"].map { URL(fileURLWithPath: $0) }
        if let exportDirectory { try FileManager.default.createDirectory(at: exportDirectory, withIntermediateDirectories: true) }
        for url in ReqIFReaderTests.files("valid", extension: "reqif") {
            let original = try ReqIFReader().read(contentsOf: url).document
            let written = Self.writer.write(original)
            let again = try ReqIFReader().read(written, file: "export of " + url.lastPathComponent).document
            #expect(again == Self.filled(original), "\(url.lastPathComponent)")
            #expect(again.counts == original.counts)
            if let exportDirectory { try written.write(to: exportDirectory.appendingPathComponent(url.lastPathComponent)) }
        }
    }
}
