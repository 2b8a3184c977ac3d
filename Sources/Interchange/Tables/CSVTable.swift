import Foundation

/// A spreadsheet-like table read from CSV (RFC 4180): a header row and data rows, every cell text. Encoding is
/// UTF-8 with or without a byte-order mark; the delimiter (comma, semicolon or tab) is detected from the header
/// line. Errors name the file, the row (1 = the header) and, where there is one, the column.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    public var delimiter: Character

    public init(header: [String], rows: [[String]], delimiter: Character = ",") {
        self.header = header
        self.rows = rows
        self.delimiter = delimiter
    }

    public static let maximumBytes = 64 * 1024 * 1024

    public static func read(_ data: Data, file: String) throws -> CSVTable {
        guard data.count <= maximumBytes else {
            throw TableError(file: file, "the file is \(data.count / 1_048_576) MB; the limit is 64 MB")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw TableError(file: file, row: 1, "the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (row, offset) = invalidUTF8(bytes)
            throw TableError(file: file, row: row, "byte \(offset + 1) is not valid UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel)")
        }
        let delimiter = detectDelimiter(text)
        var records = try parse(text, delimiter: delimiter, file: file)
        while let last = records.last, last.allSatisfy(\.isEmpty) { records.removeLast() }
        guard let header = records.first, !header.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw TableError(file: file, row: 1, "the file has no header row")
        }
        var rows = Array(records.dropFirst())
        for index in rows.indices where rows[index].count != header.count {
            if rows[index].allSatisfy(\.isEmpty) { continue }
            if rows[index].count < header.count {
                rows[index] += Array(repeating: "", count: header.count - rows[index].count)
            } else if rows[index][header.count...].allSatisfy({ $0.isEmpty }) {
                rows[index] = Array(rows[index][..<header.count])
            } else {
                throw TableError(file: file, row: index + 2, column: header.count + 1,
                                 "the row has \(rows[index].count) cells but the header has \(header.count) columns")
            }
        }
        return CSVTable(header: header.map { $0.trimmingCharacters(in: .whitespaces) }, rows: rows, delimiter: delimiter)
    }

    /// The delimiter used most often in the first line, outside quotes.
    static func detectDelimiter(_ text: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if !quoted && (character == "\n" || character == "\r\n" || character == "\r") { break }
            if !quoted, counts[character] != nil { counts[character]! += 1 }
        }
        return counts.max { $0.value == $1.value ? $0.key == "," : $0.value < $1.value }?.key ?? ","
    }

    static func parse(_ text: String, delimiter: Character, file: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var row = 1
        var quoteStart = (row: 1, column: 1)
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else {
                    if character == "\n" || character == "\r\n" { row += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                if afterQuote { field.append("\""); quoted = true; afterQuote = false }
                else if field.isEmpty { quoted = true; quoteStart = (row, record.count + 1) }
                else { throw TableError(file: file, row: row, column: record.count + 1, "a quote inside an unquoted cell; quote the whole cell") }
            case delimiter:
                record.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                record.append(field); field = ""; afterQuote = false
                records.append(record); record = []
                row += 1
            default:
                if afterQuote { throw TableError(file: file, row: row, column: record.count + 1, "text after a closing quote") }
                field.append(character)
            }
        }
        if quoted { throw TableError(file: file, row: quoteStart.row, column: quoteStart.column, "a quoted cell is never closed") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    static func invalidUTF8(_ bytes: [UInt8]) -> (row: Int, offset: Int) {
        var row = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            if length == 0 || index + length > bytes.count || bytes[index + 1 ..< index + length].contains(where: { $0 >> 6 != 0b10 })
                || String(validating: bytes[index ..< index + length], as: UTF8.self) == nil
            {
                return (row, index)
            }
            if byte == 0x0A { row += 1 }
            index += length
        }
        return (row, bytes.count)
    }

    /// CSV text (UTF-8 with a byte-order mark, so spreadsheet programs read it as UTF-8; CRLF line ends).
    /// Cells that a spreadsheet would run as a formula (=, +, @) get a leading apostrophe, which `read` callers
    /// strip with `unprotected` — so exports cannot inject formulas and still round-trip.
    public func write() -> Data {
        var text = "\u{FEFF}"
        for record in [header] + rows {
            text += record.map { Self.quoted(Self.protected($0), delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
        }
        return Data(text.utf8)
    }

    static func quoted(_ cell: String, delimiter: Character) -> String {
        guard cell.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func protected(_ cell: String) -> String { needsProtection(Substring(cell)) ? "'" + cell : cell }

    /// A cell as written before `write` protected it.
    public static func unprotected(_ cell: String) -> String {
        cell.first == "'" && needsProtection(cell.dropFirst()) ? String(cell.dropFirst()) : cell
    }

    static func needsProtection(_ cell: Substring) -> Bool {
        guard let first = cell.first else { return false }
        return "=+@".contains(first) || (first == "'" && needsProtection(cell.dropFirst()))
    }
}

/// A problem in a table file: file, row (1 = header), column (1-based) and why.
public struct TableError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var row: Int?
    public var column: Int?
    public var message: String

    public init(file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        file + (row.map { ", row \($0)" } ?? "") + (column.map { ", column \($0)" } ?? "") + ": " + message
    }
}
