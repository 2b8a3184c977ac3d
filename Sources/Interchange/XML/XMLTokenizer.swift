import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming, byte-level XML 1.0 tokenizer for interchange files: elements, attributes, character data,
/// CDATA, comments and processing instructions, read in chunks from any source so memory does not grow with the
/// file. It replaces Foundation's `XMLParser` for ReqIF, which spends most of its time building an `NSString`
/// and a dictionary per element and measured 6.5× slower than `xmllint --stream` on a 100k-object file.
///
/// Deliberately smaller than XML: a DOCTYPE is refused outright, so there are no entity declarations, no
/// external entities and no entity expansion to guard — only the five predefined entities and character
/// references are known. Line ends are normalised (`\r\n` and `\r` become `\n`) and attribute values
/// whitespace-normalised as XML 1.0 §2.11 and §3.3.3 say. Well-formedness is checked where it decides meaning:
/// tag syntax, matching end tags, one root, quoted attributes without `<`, no attribute twice, known entities,
/// legal character references, UTF-8 names and values.
final class XMLTokenizer {
    typealias Source = (UnsafeMutableRawBufferPointer) throws -> Int

    // The hot state is exempt from dynamic exclusivity checks (a third of the run time otherwise): it is touched
    // only by this class's own non-reentrant methods (here and in XMLTokenizer+Text/+Markup.swift).
    let source: Source
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    /// The longest single tag, comment or CDATA section; text is handed on in pieces and has no limit.
    let maxToken: Int
    @exclusivity(unchecked) var position = 0
    @exclusivity(unchecked) var end = 0
    var exhausted = false
    /// The previous chunk ended in `\r` (already turned into `\n`): a `\n` opening the next chunk is its pair.
    var endedInCarriageReturn = false
    @exclusivity(unchecked) var countedTo = 0
    @exclusivity(unchecked) var line = 1
    let names: XMLNameTable
    let attributes: XMLAttributes
    /// The name ids of the open elements, outermost first.
    let open = ElementStack<Int>()
    @exclusivity(unchecked) var scratch: [UInt8] = []
    /// The name of the element or attribute being read when the name table had no room for it.
    @exclusivity(unchecked) var unlistedElement = ""
    @exclusivity(unchecked) var unlistedAttribute = ""
    var rootClosed = false

    /// `names`: names the handler looks attributes up by; they get the ids 0, 1, … in this order.
    convenience init(chunkSize: Int = 1 << 20, maxToken: Int = 64 << 20, names: [String], source: @escaping Source) {
        self.init(chunkSize: chunkSize, maxToken: maxToken, seed: XMLNameTable.Seed(names), source: source)
    }

    /// `seed`: the names the handler knows by id, made once (`XMLNameTable.Seed`).
    init(chunkSize: Int = 1 << 20, maxToken: Int = 64 << 20, seed: XMLNameTable.Seed = .empty, source: @escaping Source) {
        self.source = source
        self.names = XMLNameTable(seed: seed)
        self.attributes = XMLAttributes(table: names)
        self.capacity = chunkSize
        self.maxToken = max(maxToken, chunkSize)
        self.buffer = .allocate(capacity: chunkSize)
    }

    deinit { buffer.deallocate() }

    /// The element still open when the input ended (the file is cut off), if any.
    var unclosedElement: String? { open.last.map(names.string) }

    /// The line the tokenizer has reached.
    var currentLine: Int { lineAt(position) }

    func run(_ handler: some XMLTokenHandler) throws {
        while true {
            if position >= end, try !refill() { return }
            if buffer[position] == UInt8(ascii: "<") { try markup(handler) } else { try text(handler) }
        }
    }

    // MARK: input

    /// More bytes after `end`, keeping those from `position` on (moved to the front). False at the end of input.
    func refill() throws -> Bool {
        if exhausted { return false }
        if position > 0 {
            _ = lineAt(position)
            let kept = end - position
            if kept > 0 { memmove(buffer, buffer + position, kept) }
            countedTo -= position
            end = kept
            position = 0
        }
        if end == capacity {
            guard capacity < maxToken else { throw fail("a single tag, comment or CDATA section is longer than \(maxToken >> 20) MB") }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: min(capacity * 2, maxToken))
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = min(capacity * 2, maxToken)
        }
        while true {
            let count = try source(UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if count <= 0 {
                exhausted = true
                return false
            }
            let before = end
            normaliseLineEnds(from: end, count: count)
            if end > before { return true }
        }
    }

    /// `\r\n` → `\n`, lone `\r` → `\n`, in place over freshly read bytes; sets `end`.
    func normaliseLineEnds(from start: Int, count: Int) {
        var read = start
        let stop = start + count
        if endedInCarriageReturn && buffer[read] == UInt8(ascii: "\n") { read += 1 }
        endedInCarriageReturn = false
        var write = start
        if memchr(buffer + read, 0x0D, stop - read) == nil {
            if read != write { memmove(buffer + write, buffer + read, stop - read) }
            end = write + (stop - read)
            return
        }
        while read < stop {
            let byte = buffer[read]
            read += 1
            if byte == 0x0D {
                buffer[write] = 0x0A
                if read < stop { if buffer[read] == 0x0A { read += 1 } } else { endedInCarriageReturn = true }
            } else {
                buffer[write] = byte
            }
            write += 1
        }
        end = write
    }

    /// The byte `offset` places after `position`, reading on as needed.
    @inline(__always)
    func byte(_ offset: Int, inside what: @autoclosure () -> String) throws -> UInt8 {
        while position + offset >= end {
            guard try refill() else { throw fail("the file ends inside \(what())") }
        }
        return buffer[position + offset]
    }

    /// The offset (from `position`) of the next `target` at or after `offset`, reading on as needed.
    func find(_ target: UInt8, from offset: Int) throws -> Int? {
        var offset = offset
        while true {
            if position + offset < end, let found = memchr(buffer + position + offset, Int32(target), end - position - offset) {
                return buffer.distance(to: found.assumingMemoryBound(to: UInt8.self)) - position
            }
            offset = max(offset, end - position)
            guard try refill() else { return nil }
        }
    }

    /// The offset of the next occurrence of `terminator` (several bytes) at or after `offset`.
    func find(_ terminator: [UInt8], from offset: Int, inside what: String) throws -> Int {
        var offset = offset
        while true {
            guard let found = try find(terminator[0], from: offset) else { throw fail("the file ends inside \(what)") }
            var matches = true
            for index in 1..<terminator.count where try byte(found + index, inside: what) != terminator[index] {
                matches = false
                break
            }
            if matches { return found }
            offset = found + 1
        }
    }

    func lineAt(_ index: Int) -> Int {
        guard index > countedTo else { return line }
        var cursor = buffer + countedTo
        let stop = buffer + index
        while cursor < stop, let found = memchr(cursor, 0x0A, cursor.distance(to: stop)) {
            line += 1
            cursor = found.assumingMemoryBound(to: UInt8.self) + 1
        }
        countedTo = index
        return line
    }

    func fail(_ message: String, at index: Int? = nil) -> XMLSyntaxError {
        XMLSyntaxError(line: lineAt(min(index ?? position, end)), message: message)
    }
}
