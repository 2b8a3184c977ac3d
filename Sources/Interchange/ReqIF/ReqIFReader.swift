import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `.reqif` file into a `ReqIFDocument`, streaming it in chunks through `XMLTokenizer` into
/// `ReqIFDocumentBuilder` — the file itself is never held in memory, only the document built from it.
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
        // The size from the open descriptor (fstat), not FileManager: its attribute dictionary was a sixth of
        // reading a small file.
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw ReqIFError(file: name, "the file cannot be read") }
        defer { try? handle.close() }
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0 else { throw ReqIFError(file: name, "the file cannot be read") }
        let size = Int(status.st_size)
        if size > maxBytes {
            throw ReqIFError(file: name, "the file is \(size / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB")
        }
        let head = handle.readData(ofLength: 4096)
        var warnings = try Self.checkProlog(head, file: name)
        try handle.seek(toOffset: 0)
        let descriptor = handle.fileDescriptor
        let tokenizer = XMLTokenizer(seed: ReqIFNameSeed.seed) { buffer in
            let count = readBytes(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 { throw ReqIFError(file: name, "the file cannot be read (error \(errno))") }
            return count
        }
        let result = try parse(tokenizer, file: name, size: size)
        warnings += result.warnings
        return Result(document: result.document, warnings: warnings)
    }

    public func read(_ data: Data, file name: String) throws -> Result {
        if data.count > maxBytes {
            throw ReqIFError(file: name, "the file is \(data.count / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB")
        }
        var warnings = try Self.checkProlog(data.prefix(4096), file: name)
        var offset = data.startIndex
        let tokenizer = XMLTokenizer(seed: ReqIFNameSeed.seed) { buffer in
            let count = min(buffer.count, data.endIndex - offset)
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + count))
            offset += count
            return count
        }
        let result = try parse(tokenizer, file: name, size: data.count)
        warnings += result.warnings
        return Result(document: result.document, warnings: warnings)
    }

    private func parse(_ tokenizer: XMLTokenizer, file: String, size: Int) throws -> Result {
        // Tools write an identifiable element every 400–2,000 bytes. Guessed high for the first few thousand (a few
        // KB of table; growing it twice was a fiftieth of reading a small file), low beyond: there a rehash costs
        // little next to the file, and reserving for the densest case would hold megabytes unused.
        let expected = min(size / 350, 4096) + size / 1000
        let builder = ReqIFDocumentBuilder(file: file, maxDepth: maxDepth, expectedIdentifiers: min(expected, 1_000_000))
        do {
            try tokenizer.run(builder)
        } catch let error as XMLSyntaxError {
            throw ReqIFError(file: file, line: error.line, error.refused ? error.message : "the XML is malformed (\(error.message))")
        }
        guard builder.sawRoot else { throw ReqIFError(file: file, "there is no REQ-IF element: this is not a ReqIF file") }
        guard tokenizer.rootClosed else {
            throw ReqIFError(file: file, line: tokenizer.currentLine, "the file ends before </REQ-IF>: it is cut off")
        }
        let warnings = try ReqIFChecks(file: file, builder: builder).run()
        return Result(document: builder.document, warnings: builder.warnings + warnings)
    }

    /// Encoding, DOCTYPE and emptiness, from the first bytes. Byte-level, because it runs for every file of a
    /// ReqIFZ and Foundation string searching cost more than parsing a small file.
    static func checkProlog(_ head: Data, file: String) throws -> [ReqIFWarning] {
        var bytes = [UInt8](head)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw ReqIFError(file: file, line: 1, "the file is UTF-16; ReqIF files must be UTF-8")
        }
        let start = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if start.isEmpty { throw ReqIFError(file: file, "the file is empty") }
        var warnings: [ReqIFWarning] = []
        if start.starts(with: "<?xml".utf8) {
            let declaration = Array(start.prefix { $0 != UInt8(ascii: ">") })
            if let encoding = Self.declaredEncoding(declaration),
               encoding.lowercased() != "utf-8" && encoding.lowercased() != "utf8" {
                throw ReqIFError(file: file, line: 1, "the file declares the encoding \(encoding); ReqIF files must be UTF-8")
            }
        } else if start.first == UInt8(ascii: "<") {
            warnings.append(ReqIFWarning(line: 1, message: "the file has no XML declaration (<?xml version=\"1.0\" encoding=\"UTF-8\"?>); read as UTF-8"))
        } else {
            throw ReqIFError(file: file, line: 1, "the file does not start with XML: this is not a ReqIF file")
        }
        if let found = Self.find("<!DOCTYPE", in: bytes) {
            let line = bytes[..<found].count { $0 == 0x0A } + 1
            throw ReqIFError(file: file, line: line, "the file has a DOCTYPE; ReqIF needs none, and DOCTYPEs (entities, external references) are refused")
        }
        return warnings
    }

    /// The value of `encoding="…"` in an XML declaration's bytes.
    static func declaredEncoding(_ declaration: [UInt8]) -> String? {
        guard let at = find("encoding", in: declaration[...]) else { return nil }
        var rest = declaration[(at + 8)...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        rest = rest.dropFirst().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    /// The index where `needle` first occurs in `bytes`.
    static func find(_ needle: String, in bytes: ArraySlice<UInt8>) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.startIndex
        while index <= bytes.endIndex - pattern.count {
            if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

/// `read(2)`, named apart from `ReqIFReader.read`.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
