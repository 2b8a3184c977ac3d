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

    @inline(__always)
    static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    /// A name starting `offset` bytes after `position`; returns it and the offset after it.
    func name(at offset: Int, in what: @autoclosure () -> String) throws -> (name: (string: String, id: Int), end: Int) {
        var stop = offset
        while true {
            var index = position + stop
            while index < end && !Self.endsName(buffer[index]) { index += 1 }
            stop = index - position
            if index < end { break }
            guard try refill() else { throw fail("the file ends inside \(what())") }
        }
        let first = buffer[position + offset]
        guard stop > offset, first != UInt8(ascii: "-"), first != UInt8(ascii: "."), !(0x30...0x39).contains(first) else {
            throw fail("\(what()) has no valid name")
        }
        guard let name = names.name(buffer + position + offset, count: stop - offset) else { throw fail("a name in \(what()) is not UTF-8") }
        return (name, stop)
    }

    func startTag(_ handler: some XMLTokenHandler) throws {
        let (named, afterName) = try name(at: 1, in: "a start tag")
        let element = named.string
        if open.isEmpty && rootClosed { throw fail("<\(element)> follows the root element; an XML file has one root") }
        attributes.removeAll()
        var offset = afterName
        var selfClosing = false
        while true {
            let spaced = Self.isSpace(try byte(offset, inside: "<\(element)>"))
            while Self.isSpace(try byte(offset, inside: "<\(element)>")) { offset += 1 }
            let next = buffer[position + offset]
            if next == UInt8(ascii: ">") {
                offset += 1
                break
            }
            if next == UInt8(ascii: "/") {
                guard try byte(offset + 1, inside: "<\(element)>") == UInt8(ascii: ">") else { throw fail("<\(element)> has a stray /") }
                offset += 2
                selfClosing = true
                break
            }
            guard spaced else { throw fail("the attributes of <\(element)> are not separated by white space") }
            let (attributeName, afterAttribute) = try name(at: offset, in: "<\(element)>")
            let attribute = attributeName.string
            offset = afterAttribute
            while Self.isSpace(try byte(offset, inside: "<\(element)>")) { offset += 1 }
            guard buffer[position + offset] == UInt8(ascii: "=") else { throw fail("the attribute \(attribute) of <\(element)> has no value") }
            offset += 1
            while Self.isSpace(try byte(offset, inside: "<\(element)>")) { offset += 1 }
            let quote = buffer[position + offset]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("the value of \(attribute) in <\(element)> is not quoted")
            }
            guard let close = try find(quote, from: offset + 1) else { throw fail("the file ends inside <\(element)>") }
            if attributes.contains(name: attribute, id: attributeName.id) { throw fail("<\(element)> has the attribute \(attribute) twice") }
            try appendAttribute(attributeName, offset + 1, close, element: element)
            offset = close + 1
        }
        let line = lineAt(position + offset - 1)
        position += offset
        open.append((element, named.id))
        try handler.startElement(element, id: named.id, attributes: attributes, line: line)
        if selfClosing { try close(line: line, handler) }
    }

    /// Decodes the value between `start` and `stop` (references resolved, white space normalised) into the
    /// attribute list, refusing `<` and bytes that are not UTF-8.
    func appendAttribute(_ name: (string: String, id: Int), _ start: Int, _ stop: Int, element: String) throws {
        let bytes = UnsafeBufferPointer(start: buffer + position + start, count: stop - start)
        var plain = true
        for byte in bytes {
            if byte == UInt8(ascii: "<") { throw fail("the value of \(name.string) in <\(element)> contains <") }
            if byte == UInt8(ascii: "&") || byte == 0x0A || byte == 0x09 { plain = false }
        }
        if !plain {
            scratch.removeAll(keepingCapacity: true)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "&") {
                    index = try entity(bytes, at: index)
                    continue
                }
                scratch.append(byte == 0x0A || byte == 0x09 ? 0x20 : byte)
                index += 1
            }
        }
        let valid = plain ? UTF8Text.isValid(bytes) : scratch.withUnsafeBufferPointer(UTF8Text.isValid)
        guard valid else { throw fail("the value of \(name.string) in <\(element)> is not UTF-8") }
        if plain {
            attributes.append(name.string, id: name.id, value: bytes)
        } else {
            scratch.withUnsafeBufferPointer { attributes.append(name.string, id: name.id, value: $0) }
        }
    }

    func endTag(_ handler: some XMLTokenHandler) throws {
        guard let stop = try find(UInt8(ascii: ">"), from: 2) else { throw fail("the file ends inside an end tag") }
        var nameEnd = stop
        while nameEnd > 2 && Self.isSpace(buffer[position + nameEnd - 1]) { nameEnd -= 1 }
        guard let element = names.name(buffer + position + 2, count: nameEnd - 2) else { throw fail("an end tag's name is not UTF-8") }
        guard let expected = open.last else { throw fail("</\(element.string)> closes nothing") }
        guard element.id == expected.id && (element.id >= 0 || element.string == expected.name) else {
            throw fail("</\(element.string)> closes <\(expected.name)>; the tags do not match")
        }
        let line = lineAt(position + stop)
        position += stop + 1
        try close(line: line, handler)
    }

    func close(line: Int, _ handler: some XMLTokenHandler) throws {
        let element = open.removeLast()
        if open.isEmpty { rootClosed = true }
        try handler.endElement(element.name, id: element.id, line: line)
    }
}
