import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character data: text between tags, handed on in pieces, with entity and character references resolved.
extension XMLTokenizer {
    func text(_ handler: some XMLTokenHandler) throws {
        if open.isEmpty || handler.skipsBlankText {
            // Indentation: passed over here, its lines counted on the way, without a search or a call.
            var index = position
            var lines = 0
            let spaces = SIMD16<UInt8>(repeating: 0x20)
            // The line feed that ends the tag's line, before the next line's indentation.
            while index < end && buffer[index] == 0x0A {
                lines += 1
                index += 1
            }
            while true {
                if index + 16 <= end {
                    // Runs of spaces sixteen at a time; the first other byte is found from the compare's words.
                    let chunk = UnsafeRawPointer(buffer + index).loadUnaligned(as: SIMD16<UInt8>.self)
                    let words = unsafeBitCast(chunk .!= spaces, to: SIMD2<UInt64>.self)
                    if words[0] | words[1] == 0 {
                        index += 16
                        continue
                    }
                    index += Self.firstMarked(words)
                } else if index == end {
                    break
                }
                let byte = buffer[index]
                if byte == 0x0A { lines += 1 } else if byte != 0x20 && byte != 0x09 { break }
                index += 1
            }
            if countedTo == position {
                line += lines
                countedTo = index
            }
            position = index
            if index == end || buffer[index] == UInt8(ascii: "<") { return }
        }
        while true {
            if let found = memchr(buffer + position, Int32(UInt8(ascii: "<")), end - position) {
                let stop = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                try characters(position, stop, handler)
                position = stop
                return
            }
            // No tag in sight: hand on what is complete, holding back an entity reference cut by the chunk end.
            var stop = end
            var at = end - 1
            while at > position && end - at < 16 && buffer[at] != UInt8(ascii: "&") && buffer[at] != UInt8(ascii: ";") { at -= 1 }
            if buffer[at] == UInt8(ascii: "&") { stop = at }
            if stop > position {
                try characters(position, stop, handler)
                position = stop
            }
            guard try refill() else {
                if position < end {
                    try characters(position, end, handler)
                    position = end
                }
                return
            }
        }
    }

    func characters(_ start: Int, _ stop: Int, _ handler: some XMLTokenHandler) throws {
        let bytes = UnsafeBufferPointer(start: buffer + start, count: stop - start)
        if open.isEmpty {
            if let stray = bytes.firstIndex(where: { !Self.isSpace($0) }) {
                throw fail(rootClosed ? "there is text after the root element" : "there is text before the root element", at: start + stray)
            }
            return
        }
        if memchr(bytes.baseAddress!, Int32(UInt8(ascii: "&")), bytes.count) == nil {
            handler.characters(bytes)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                index = try entity(bytes, at: index)
            } else {
                scratch.append(bytes[index])
                index += 1
            }
        }
        scratch.withUnsafeBufferPointer { handler.characters($0) }
    }

    /// Resolves the reference starting at `bytes[at]` (an `&`) into `scratch`; returns the index after its `;`.
    /// `bytes` lie in the buffer, so an error can name the line of the `&` itself.
    func entity(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) throws -> Int {
        let here = buffer.distance(to: UnsafeMutablePointer(mutating: bytes.baseAddress!)) + at
        var semicolon = at + 1
        while semicolon < bytes.count && semicolon - at <= 12 && bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < bytes.count, bytes[semicolon] == UInt8(ascii: ";") else {
            throw fail("an & starts no entity or character reference (write &amp; for a literal &)", at: here)
        }
        let name = bytes[(at + 1)..<semicolon]
        switch String(decoding: name, as: UTF8.self) {
        case "lt": scratch.append(UInt8(ascii: "<"))
        case "gt": scratch.append(UInt8(ascii: ">"))
        case "amp": scratch.append(UInt8(ascii: "&"))
        case "quot": scratch.append(UInt8(ascii: "\""))
        case "apos": scratch.append(UInt8(ascii: "'"))
        case let reference where reference.hasPrefix("#"):
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), Self.isXMLCharacter(value) else {
                throw fail("&\(reference); is not a legal character reference", at: here)
            }
            scratch.append(contentsOf: String(scalar).utf8)
        case let other:
            throw fail("the entity &\(other); is undefined (only &lt; &gt; &amp; &quot; &apos; and character references exist without a DOCTYPE)",
                       at: here)
        }
        return semicolon + 1
    }

    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
            || (0x10000...0x10FFFF).contains(value)
    }
}
