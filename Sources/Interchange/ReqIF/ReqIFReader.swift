import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a `.reqif` file into a `ReqIFDocument`, streaming it through `XMLParser` (libxml2's SAX parser).
///
/// Refused before or while parsing, each with the file and line: an empty file, a declared encoding other than
/// UTF-8, any DOCTYPE (ReqIF needs none; refusing it shuts out external entities and entity expansion), a file
/// over `maxBytes`, nesting deeper than `maxDepth`, an element the ReqIF schema does not allow where it stands,
/// a REQ-IF-VERSION other than 1.0, a file cut off before `</REQ-IF>`, a relation without SOURCE or TARGET, and
/// IDENTIFIERs used twice. Warnings (the document keeps the entries; the import skips what cannot resolve): a
/// missing XML declaration, relations and hierarchy entries whose objects the file does not define, relation
/// groups naming what the file does not define, references to undefined types or attribute definitions.
public struct ReqIFReader: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 256 * 1024 * 1024, maxDepth: Int = 500) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public struct Result: Sendable {
        public var document: ReqIFDocument
        public var warnings: [ReqIFWarning]
    }

    public func read(contentsOf url: URL) throws -> Result {
        let name = url.lastPathComponent
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw ReqIFError(file: name, "the file cannot be read") }
        if size > maxBytes {
            throw ReqIFError(file: name, "the file is \(size / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB")
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw ReqIFError(file: name, "the file cannot be read") }
        let head = handle.readData(ofLength: 4096)
        try? handle.close()
        var warnings = try Self.checkProlog(head, file: name)
        guard let stream = InputStream(url: url) else { throw ReqIFError(file: name, "the file cannot be read") }
        let parser = XMLParser(stream: stream)
        let result = try parse(parser, file: name)
        warnings += result.warnings
        return Result(document: result.document, warnings: warnings)
    }

    public func read(_ data: Data, file name: String) throws -> Result {
        if data.count > maxBytes {
            throw ReqIFError(file: name, "the file is \(data.count / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB")
        }
        var warnings = try Self.checkProlog(data.prefix(4096), file: name)
        let result = try parse(XMLParser(data: data), file: name)
        warnings += result.warnings
        return Result(document: result.document, warnings: warnings)
    }

    private func parse(_ parser: XMLParser, file: String) throws -> Result {
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let handler = ReqIFParserDelegate(file: file, maxDepth: maxDepth)
        parser.delegate = handler
        let finished = parser.parse()
        if let error = handler.failure { throw error }
        if !finished {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the XML is malformed"
            throw ReqIFError(file: file, line: parser.lineNumber, column: parser.columnNumber, "the XML is malformed (\(reason))")
        }
        guard handler.sawRoot else { throw ReqIFError(file: file, "there is no REQ-IF element: this is not a ReqIF file") }
        guard handler.rootClosed else {
            throw ReqIFError(file: file, line: parser.lineNumber, "the file ends before </REQ-IF>: it is cut off")
        }
        let warnings = try ReqIFChecks(file: file, document: handler.document, lines: handler.lines).run()
        return Result(document: handler.document, warnings: handler.warnings + warnings)
    }

    /// Encoding, DOCTYPE and emptiness, from the first bytes.
    static func checkProlog(_ head: Data, file: String) throws -> [ReqIFWarning] {
        var bytes = [UInt8](head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw ReqIFError(file: file, line: 1, "the file is UTF-16; ReqIF files must be UTF-8")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ReqIFError(file: file, "the file is empty") }
        var warnings: [ReqIFWarning] = []
        let start = text.drop { $0.isWhitespace }
        if start.hasPrefix("<?xml") {
            let declaration = start.prefix { $0 != ">" }
            if let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"']+)["']/) {
                let encoding = String(match.1)
                if encoding.lowercased() != "utf-8" && encoding.lowercased() != "utf8" {
                    throw ReqIFError(file: file, line: 1, "the file declares the encoding \(encoding); ReqIF files must be UTF-8")
                }
            }
        } else if start.hasPrefix("<") {
            warnings.append(ReqIFWarning(line: 1, message: "the file has no XML declaration (<?xml version=\"1.0\" encoding=\"UTF-8\"?>); read as UTF-8"))
        } else {
            throw ReqIFError(file: file, line: 1, "the file does not start with XML: this is not a ReqIF file")
        }
        if let range = text.range(of: "<!DOCTYPE") {
            let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
            throw ReqIFError(file: file, line: line, "the file has a DOCTYPE; ReqIF needs none, and DOCTYPEs (entities, external references) are refused")
        }
        return warnings
    }
}
