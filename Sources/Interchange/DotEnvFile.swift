import Foundation

/// A parsed `.env` file: `KEY=value` lines, `#` comments, optional `export ` prefix, single- or double-quoted
/// values (double quotes understand `\n`, `\t`, `\"` and `\\`).
///
/// Vapor also loads `.env` into the process environment, but it skips lines it cannot read without a word.
/// SESA reads the file itself so a typo is reported with file and line instead of being silently ignored.
public struct DotEnvFile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let value: String
        public let line: Int
    }

    public let path: String
    public let entries: [Entry]

    /// Later entries win, as in a shell.
    public var values: [String: String] {
        var result: [String: String] = [:]
        for entry in entries { result[entry.key] = entry.value }
        return result
    }

    public init(path: String, contents: String) throws(DotEnvError) {
        self.path = path
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingLeadingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            entries.append(try Self.parse(trimmed, path: path, line: lineNumber))
        }
        self.entries = entries
    }

    private static func parse(_ text: Substring, path: String, line: Int) throws(DotEnvError) -> Entry {
        var text = text
        if text.hasPrefix("export ") { text = text.dropFirst("export ".count).trimmingLeadingSpaces() }
        guard let equals = text.firstIndex(of: "=") else {
            throw DotEnvError(path: path, line: line, reason: "expected KEY=value")
        }
        let key = String(text[..<equals]).trimmingTrailingSpaces()
        guard isValidKey(key) else {
            throw DotEnvError(path: path, line: line, reason: "'\(key)' is not a valid variable name")
        }
        let rawValue = text[text.index(after: equals)...].trimmingLeadingSpaces()
        let value = try parseValue(rawValue, path: path, line: line)
        return Entry(key: key, value: value, line: line)
    }

    private static func parseValue(_ raw: Substring, path: String, line: Int) throws(DotEnvError) -> String {
        guard let quote = raw.first, quote == "\"" || quote == "'" else {
            // Unquoted: an inline comment starts at " #".
            var value = raw
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
            return String(value).trimmingTrailingSpaces()
        }
        var result = ""
        var index = raw.index(after: raw.startIndex)
        while index < raw.endIndex {
            let character = raw[index]
            if character == quote {
                let rest = raw[raw.index(after: index)...].trimmingLeadingSpaces()
                guard rest.isEmpty || rest.hasPrefix("#") else {
                    throw DotEnvError(path: path, line: line, reason: "unexpected text after the closing quote")
                }
                return result
            }
            if quote == "\"", character == "\\" {
                let next = raw.index(after: index)
                guard next < raw.endIndex else { break }
                switch raw[next] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                default: result.append("\\"); result.append(raw[next])
                }
                index = raw.index(after: next)
                continue
            }
            result.append(character)
            index = raw.index(after: index)
        }
        throw DotEnvError(path: path, line: line, reason: "missing closing \(quote) quote")
    }

    private static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
    }
}

/// A line of a `.env` file that could not be read.
public struct DotEnvError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let reason: String
    public var description: String { "\(path):\(line): \(reason)" }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension StringProtocol {
    fileprivate func trimmingLeadingSpaces() -> SubSequence { drop(while: { $0 == " " || $0 == "\t" }) }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while let last = copy.last, last == " " || last == "\t" { copy.removeLast() }
        return copy
    }
}
