import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markup: start and end tags with their attributes, comments, CDATA, processing instructions, and the DOCTYPE
/// that is refused.
extension XMLTokenizer {
    func markup(_ handler: some XMLTokenHandler) throws {
        switch try byte(1, inside: "a tag") {
        case UInt8(ascii: "/"): try endTag(handler)
        case UInt8(ascii: "?"):
            let stop = try find(Array("?>".utf8), from: 2, inside: "a processing instruction")
            position += stop + 2
        case UInt8(ascii: "!"): try declaration(handler)
        default: try startTag(handler)
        }
    }

    func declaration(_ handler: some XMLTokenHandler) throws {
        if try matches("<!--") {
            let stop = try find(Array("-->".utf8), from: 4, inside: "a comment")
            position += stop + 3
        } else if try matches("<![CDATA[") {
            guard !open.isEmpty else { throw fail("a CDATA section stands outside the root element") }
            let stop = try find(Array("]]>".utf8), from: 9, inside: "a CDATA section")
            handler.characters(UnsafeBufferPointer(start: buffer + position + 9, count: stop - 9))
            position += stop + 3
        } else if try matches("<!DOCTYPE") {
            var error = fail("the file has a DOCTYPE; ReqIF needs none, and DOCTYPEs (entities, external references) are refused")
            error.refused = true
            throw error
        } else {
            throw fail("<! starts neither a comment nor a CDATA section")
        }
    }

    func matches(_ literal: StaticString) throws -> Bool {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for (offset, expected) in bytes.enumerated() {
            guard let actual = try? byte(offset, inside: "markup"), actual == expected else { return false }
        }
        return true
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 }

    /// Bytes below 64 that end a name: tab, line feed, space, `/`, `=`, `>`.
    private static let nameEnds: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x20 | 1 << 0x2F | 1 << 0x3D | 1 << 0x3E
    /// Bytes below 64 an attribute value scan stops at: tab, line feed, the quotes, `&`, `<`.
    private static let valueStops: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x22 | 1 << 0x27 | 1 << 0x26 | 1 << 0x3C

    @inline(__always)
    static func endsName(_ byte: UInt8) -> Bool { byte < 64 && (nameEnds >> UInt64(byte)) & 1 != 0 }

    /// A start tag with its attributes. The tag is scanned where it lies in the buffer, by pointer; when the
    /// buffer ends before the tag does, more is read (keeping the tag) and the scan starts again — tags are short,
    /// so this is rare and cheap, and the common path checks no bounds against the input beyond `end`.
    func startTag(_ handler: some XMLTokenHandler) throws {
        while true {
            if let tag = try scanStartTag() {
                if open.isEmpty && rootClosed { throw fail("<\(tagName(tag.id))> follows the root element; an XML file has one root") }
                let line = lineAfter(tag.end, newlineFree: tag.newlineFree)
                position += tag.end
                var id = tag.id
                if id == XMLNameTable.unlisted {
                    names.overflow.append(unlistedElement)
                    id = -names.overflow.count
                }
                open.append(id)
                try handler.startElement(XMLName(id: id, table: names), attributes: attributes, line: line)
                if tag.selfClosing { try close(line: line, handler) }
                return
            }
            guard try refill() else { throw fail("the file ends inside \(openTagDescription())") }
        }
    }

    /// The line of the tag ending `count` bytes after `position`. A tag known to hold no line feed, read where the
    /// line count stands, moves the count past itself without a search (a `memchr` call per tag otherwise).
    @inline(__always)
    private func lineAfter(_ count: Int, newlineFree: Bool) -> Int {
        guard newlineFree && countedTo == position else { return lineAt(position + count) }
        countedTo = position + count
        return line
    }

    private func tagName(_ id: Int) -> String { id == XMLNameTable.unlisted ? unlistedElement : names.strings[id] }

    /// "<NAME>" for the start tag at `position` when its name is complete, for messages.
    private func openTagDescription() -> String {
        var index = position + 1
        while index < end && !Self.endsName(buffer[index]) { index += 1 }
        guard index < end, index > position + 1 else { return "a start tag" }
        return "<" + String(decoding: UnsafeBufferPointer(start: buffer + position + 1, count: index - position - 1), as: UTF8.self) + ">"
    }

    /// The id of the name at `start` (`count` bytes); when the table has no room for it (`XMLNameTable.unlisted`)
    /// the name is left in `unlisted`. (Returning it alongside the id made every tag pay for an optional string.)
    @inline(__always)
    private func lookupName(_ start: UnsafePointer<UInt8>, count: Int, unlisted: inout String, in what: @autoclosure () -> String) throws -> Int {
        guard let id = names.lookup(start, count: count) else { throw fail("a name in \(what()) is not UTF-8") }
        if id == XMLNameTable.unlisted { unlisted = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }
        return id
    }

    @inline(__always)
    private static func startsName(_ byte: UInt8) -> Bool {
        byte != UInt8(ascii: "-") && byte != UInt8(ascii: ".") && byte &- 0x30 >= 10
    }

    /// The start tag at `position`, its attributes collected into `attributes`; nil when the buffer ends first.
    /// `newlineFree`: no line feed can lie in the tag (its white space had none and no value needed decoding).
    private func scanStartTag() throws -> (id: Int, end: Int, selfClosing: Bool, newlineFree: Bool)? {
        let base = UnsafePointer(buffer + position)
        let limit = end - position
        var index = Self.scanName(base, from: 1, limit: limit)
        if index >= limit { return nil }
        guard index > 1, Self.startsName(base[1]) else { throw fail("a start tag has no valid name") }
        let id = try lookupName(base + 1, count: index - 1, unlisted: &unlistedElement, in: "a start tag")
        func element() -> String { "<\(tagName(id))>" }
        attributes.removeAll()
        var newlineFree = true
        while true {
            let spaced = index < limit && Self.isSpace(base[index])
            while index < limit && Self.isSpace(base[index]) {
                if base[index] == 0x0A { newlineFree = false }
                index += 1
            }
            if index >= limit { return nil }
            let next = base[index]
            if next == UInt8(ascii: ">") { return (id, index + 1, false, newlineFree) }
            if next == UInt8(ascii: "/") {
                if index + 1 >= limit { return nil }
                guard base[index + 1] == UInt8(ascii: ">") else { throw fail("\(element()) has a stray /") }
                return (id, index + 2, true, newlineFree)
            }
            guard spaced else { throw fail("the attributes of \(element()) are not separated by white space") }
            let nameStart = index
            index = Self.scanName(base, from: index, limit: limit)
            if index >= limit { return nil }
            guard index > nameStart, Self.startsName(base[nameStart]) else { throw fail("\(element()) has no valid name") }
            let nameEnd = index
            while index < limit && Self.isSpace(base[index]) {
                if base[index] == 0x0A { newlineFree = false }
                index += 1
            }
            if index >= limit { return nil }
            func attributeName() -> String { String(decoding: UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart), as: UTF8.self) }
            guard base[index] == UInt8(ascii: "=") else { throw fail("the attribute \(attributeName()) of \(element()) has no value") }
            index += 1
            while index < limit && Self.isSpace(base[index]) {
                if base[index] == 0x0A { newlineFree = false }
                index += 1
            }
            if index >= limit { return nil }
            let quote = base[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("the value of \(attributeName()) in \(element()) is not quoted")
            }
            index += 1
            let valueStart = index
            let scan = Self.scanValue(base, from: index, limit: limit, quote: quote)
            index = scan.stop
            if scan.lessThan { throw fail("the value of \(attributeName()) in \(element()) contains <", at: position + index) }
            if index >= limit { return nil }
            let plain = scan.plain
            let ascii = scan.ascii
            if !plain { newlineFree = false }
            let attribute = try lookupName(base + nameStart, count: nameEnd - nameStart, unlisted: &unlistedAttribute, in: element())
            let unlisted = attribute == XMLNameTable.unlisted ? unlistedAttribute : nil
            if attributes.contains(id: attribute, unlisted: unlisted) {
                throw fail("\(element()) has the attribute \(attributeName()) twice")
            }
            let value = UnsafeBufferPointer(start: base + valueStart, count: index - valueStart)
            if plain && ascii {
                // Most values: nothing to decode or check, and no closure made for a message.
                attributes.append(id: attribute, unlisted: unlisted, inPlace: value)
            } else {
                try appendDecoded((attribute, unlisted), value, plain: plain) { "the value of \(attributeName()) in \(element())" }
            }
            index += 1
        }
    }

    /// Where the name from `start` ends (`limit` when the buffer ends first). Sixteen bytes at a time to the first
    /// that may end a name, the last few byte by byte; a function of its own so that its loop runs in registers
    /// (inside the tag scan it kept counters on the stack, a load and store per byte).
    @inline(never)
    private static func scanName(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int {
        var index = start
        let spaces = SIMD16<UInt8>(repeating: 0x20)
        let slashes = SIMD16<UInt8>(repeating: UInt8(ascii: "/"))
        let equals = SIMD16<UInt8>(repeating: UInt8(ascii: "="))
        let greaterThans = SIMD16<UInt8>(repeating: UInt8(ascii: ">"))
        while index + 16 <= limit {
            let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let stops = (chunk .<= spaces) .| (chunk .== slashes) .| (chunk .== equals) .| (chunk .== greaterThans)
            let words = unsafeBitCast(stops, to: SIMD2<UInt64>.self)
            if words[0] | words[1] == 0 {
                index += 16
                continue
            }
            index += firstMarked(words)
            if endsName(base[index]) { return index }
            // A control character other than tab and line feed: not a name's end (nor legal XML; refused later).
            index += 1
        }
        while index < limit && !endsName(base[index]) { index += 1 }
        return index
    }

    /// One pass over an attribute value from `start`: where its closing `quote` is (`limit` when the buffer ends
    /// first, or where a `<` stands), and what the value needs — decoding (references, white space to normalise) or
    /// UTF-8 validation (any byte above ASCII). A function of its own so that its loop runs in registers: inside
    /// the tag scan the index lived on the stack, a load and store per byte and the largest cost of a read.
    @inline(never)
    private static func scanValue(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int, quote: UInt8)
        -> (stop: Int, plain: Bool, ascii: Bool, lessThan: Bool) {
        var index = start
        var high: UInt8 = 0
        var plain = true
        // Sixteen bytes at a time to the next that needs a look (the quote, `&`, `<`, a control character), found
        // from the compare's words; that byte is then judged alone. Bytes of a chunk past the value may count as
        // non-ASCII too, which costs only a UTF-8 check.
        let quotes = SIMD16<UInt8>(repeating: quote)
        let ampersands = SIMD16<UInt8>(repeating: UInt8(ascii: "&"))
        let lessThans = SIMD16<UInt8>(repeating: UInt8(ascii: "<"))
        let controls = SIMD16<UInt8>(repeating: 0x20)
        var seen = SIMD16<UInt8>(repeating: 0)
        while true {
            if index + 16 <= limit {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                seen |= chunk
                let stops = (chunk .== quotes) .| (chunk .== ampersands) .| (chunk .== lessThans) .| (chunk .< controls)
                // As two words: `any(_:)` and `max()` were calls into generic reductions, slower than a byte loop.
                let words = unsafeBitCast(stops, to: SIMD2<UInt64>.self)
                if words[0] | words[1] == 0 {
                    index += 16
                    continue
                }
                index += firstMarked(words)
            } else if index >= limit {
                break
            } else {
                high |= base[index]
            }
            let byte = base[index]
            if byte < 64 && (valueStops >> UInt64(byte)) & 1 != 0 {
                if byte == quote { break }
                if byte == UInt8(ascii: "<") { return (index, plain, isASCII(high, seen), true) }
                if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") { plain = false }
            }
            index += 1
        }
        return (index, plain, isASCII(high, seen), false)
    }

    /// The offset of the first byte a SIMD16 compare marked, given as its two words (little-endian), at least one
    /// not zero.
    @inline(__always)
    static func firstMarked(_ words: SIMD2<UInt64>) -> Int {
        words[0] != 0 ? words[0].trailingZeroBitCount >> 3 : 8 + words[1].trailingZeroBitCount >> 3
    }

    @inline(__always)
    private static func isASCII(_ high: UInt8, _ seen: SIMD16<UInt8>) -> Bool {
        let words = unsafeBitCast(seen, to: SIMD2<UInt64>.self)
        return high < 0x80 && (words[0] | words[1]) & 0x8080_8080_8080_8080 == 0
    }

    /// Decodes `value` (references resolved, white space normalised) into the attribute list, refusing bytes
    /// that are not UTF-8.
    @inline(never)
    private func appendDecoded(_ name: (id: Int, unlisted: String?), _ value: UnsafeBufferPointer<UInt8>, plain: Bool,
                               _ what: () -> String) throws {
        if plain {
            guard UTF8Text.isValid(value) else { throw fail("\(what()) is not UTF-8") }
            attributes.append(id: name.id, unlisted: name.unlisted, inPlace: value)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < value.count {
            let byte = value[index]
            if byte == UInt8(ascii: "&") {
                index = try entity(value, at: index)
                continue
            }
            scratch.append(byte == 0x0A || byte == 0x09 ? 0x20 : byte)
            index += 1
        }
        guard scratch.withUnsafeBufferPointer(UTF8Text.isValid) else { throw fail("\(what()) is not UTF-8") }
        scratch.withUnsafeBufferPointer { attributes.append(id: name.id, unlisted: name.unlisted, value: $0) }
    }

    func endTag(_ handler: some XMLTokenHandler) throws {
        // Nearly always the open element's name and `>`: checked where they should be, without a search.
        if let expected = open.last, expected >= 0 {
            let stop = 2 + names.length(of: expected)
            if position + stop < end && buffer[position + stop] == UInt8(ascii: ">")
                && names.isName(expected, buffer + position + 2, count: stop - 2) {
                let line = lineAfter(stop + 1, newlineFree: true)
                position += stop + 1
                try close(line: line, handler)
                return
            }
        }
        // The `>` is usually right after the name: looked for inline before asking memchr.
        var stop = 2
        while position + stop < end && buffer[position + stop] != UInt8(ascii: ">") && stop < 64 { stop += 1 }
        if position + stop >= end || buffer[position + stop] != UInt8(ascii: ">") {
            guard let found = try find(UInt8(ascii: ">"), from: 2) else { throw fail("the file ends inside an end tag") }
            stop = found
        }
        var nameEnd = stop
        while nameEnd > 2 && Self.isSpace(buffer[position + nameEnd - 1]) { nameEnd -= 1 }
        let start = UnsafePointer(buffer + position + 2)
        let count = nameEnd - 2
        func named() -> String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }
        guard let expected = open.last else {
            guard UTF8Text.isValid(UnsafeBufferPointer(start: start, count: count)) else { throw fail("an end tag's name is not UTF-8") }
            throw fail("</\(named())> closes nothing")
        }
        // The name of the element it closes is the whole check in a well-formed file: compared, not hashed.
        let matches: Bool
        if expected >= 0 {
            matches = names.isName(expected, start, count: count)
        } else {
            var open = names.overflow[-1 - expected]
            matches = open.withUTF8 { $0.count == count && (count == 0 || memcmp($0.baseAddress!, start, count) == 0) }
        }
        if !matches {
            guard UTF8Text.isValid(UnsafeBufferPointer(start: start, count: count)) else { throw fail("an end tag's name is not UTF-8") }
            throw fail("</\(named())> closes <\(names.string(expected))>; the tags do not match")
        }
        let line = lineAt(position + stop + 1)
        position += stop + 1
        try close(line: line, handler)
    }

    func close(line: Int, _ handler: some XMLTokenHandler) throws {
        let id = open.removeLast()
        if open.isEmpty { rootClosed = true }
        try handler.endElement(XMLName(id: id, table: names), line: line)
        if id < 0 { names.overflow.removeLast() }
    }
}
