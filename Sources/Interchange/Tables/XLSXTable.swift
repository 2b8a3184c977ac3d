import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The first worksheet of an `.xlsx` workbook as a `CSVTable` (header row, then data rows, every cell text),
/// and a table as a one-sheet workbook — Office Open XML through ZIPFoundation and `XMLParser`, no hand-written
/// zip. Shared and inline strings, numbers and booleans are read as their text, date and time cells as ISO 8601
/// (`XLSXDates`); parts are size-limited while they inflate, and DTDs are refused, like every XML SESA reads.
public enum XLSXTable {
    public static let maximumPartBytes = 128 * 1024 * 1024

    public static func read(_ data: Data, file: String) throws -> CSVTable {
        guard data.count <= CSVTable.maximumBytes else { throw TableError(file: file, "the file is larger than 64 MB") }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw TableError(file: file, "this is not an .xlsx workbook (not a zip archive)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    content.append(chunk)
                    if content.count > maximumPartBytes { throw TableError(file: file, "\(path) inflates beyond 128 MB") }
                }
            } catch let error as TableError { throw error } catch {
                throw TableError(file: file, "\(path) cannot be read: \(error)")
            }
            return content
        }
        var sheetPath = "xl/worksheets/sheet1.xml"
        let workbook = try part("xl/workbook.xml").map { try elements($0, file: file) } ?? []
        let dates = XLSXDates(styles: try part("xl/styles.xml").map { try elements($0, file: file) } ?? [], workbook: workbook)
        if !workbook.isEmpty, let rels = try part("xl/_rels/workbook.xml.rels") {
            let sheets = workbook
            let relations = try elements(rels, file: file)
            if let first = sheets.first(where: { $0.name == "sheet" }), let id = first.attributes["r:id"],
                let target = relations.first(where: { $0.name == "Relationship" && $0.attributes["Id"] == id })?.attributes["Target"]
            {
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        guard let sheet = try part(sheetPath) else { throw TableError(file: file, "the workbook has no worksheet") }
        var shared: [String] = []
        if let strings = try part("xl/sharedStrings.xml") {
            var current: String?
            for element in try elements(strings, file: file, text: true) {
                if element.name == "si" { if let current { shared.append(current) }; current = "" }
                if element.name == "t" { current = (current ?? "") + element.text }
            }
            if let current { shared.append(current) }
        }
        var records: [Int: [Int: String]] = [:]
        var cell: (row: Int, column: Int, type: String, style: Int?)?
        for element in try elements(sheet, file: file, text: true) {
            switch element.name {
            case "c":
                guard let reference = element.attributes["r"], let (row, column) = position(reference) else {
                    throw TableError(file: file, "\(sheetPath): a cell without a valid reference")
                }
                cell = (row, column, element.attributes["t"] ?? "n", element.attributes["s"].flatMap(Int.init))
                records[row, default: [:]][column] = ""
            case "v", "t":
                guard let current = cell else { continue }
                var value = element.text
                if current.type == "s" {
                    guard let index = Int(value), shared.indices.contains(index) else {
                        throw TableError(file: file, row: current.row, column: current.column, "the cell names a shared string that does not exist")
                    }
                    value = shared[index]
                } else if current.type == "b" {
                    value = value == "1" ? "yes" : "no"
                } else if current.type == "n" && element.name == "v" {
                    value = dates.text(value, style: current.style)
                }
                records[current.row, default: [:]][current.column, default: ""] += value
            default: break
            }
        }
        guard let last = records.keys.max(), let header = records[1], !header.isEmpty else {
            throw TableError(file: file, row: 1, "the first worksheet has no header row")
        }
        let width = header.keys.max() ?? 0
        func line(_ row: Int) -> [String] { (1...width).map { records[row]?[$0] ?? "" } }
        if let wide = records.first(where: { ($0.value.filter { !$0.value.isEmpty }.keys.max() ?? 0) > width }) {
            throw TableError(file: file, row: wide.key, column: width + 1, "a cell right of the last header column")
        }
        return CSVTable(header: line(1).map { $0.trimmingCharacters(in: .whitespaces) },
                        rows: last < 2 ? [] : (2...last).map(line))
    }

    /// "B12" → (12, 2).
    static func position(_ reference: String) -> (Int, Int)? {
        var column = 0
        var digits = ""
        for character in reference {
            if let ascii = character.asciiValue, character.isLetter, digits.isEmpty { column = column * 26 + Int(ascii & 0xDF) - 64 }
            else if character.isNumber { digits.append(character) } else { return nil }
        }
        guard column > 0, let row = Int(digits), row > 0, row <= 1_048_576, column <= 16_384 else { return nil }
        return (row, column)
    }

    public static func write(_ table: CSVTable, sheet: String) throws -> Data {
        func columnName(_ index: Int) -> String {
            var name = "", number = index + 1
            while number > 0 { name = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + name; number = (number - 1) / 26 }
            return name
        }
        var rows = ""
        for (r, record) in ([table.header] + table.rows).enumerated() {
            rows += "<row r=\"\(r + 1)\">"
            for (c, value) in record.enumerated() where !value.isEmpty {
                rows += "<c r=\"\(columnName(c))\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLEscape.escape(value, quotes: false))</t></is></c>"
            }
            rows += "</row>"
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let name = XMLEscape.escape(String(sheet.filter { !"[]:*?/\\".contains($0) }.prefix(31)), quotes: true)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="\(main)" xmlns:r="\(relationships)"><sheets><sheet name="\(name.isEmpty ? "Sheet1" : name)" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """),
            ("xl/worksheets/sheet1.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(main)"><sheetData>\(rows)</sheetData></worksheet>
                """),
        ]
        return try ReqIFZWriter().write(parts.map { ($0.0, Data($0.1.utf8)) }, modified: Date(timeIntervalSince1970: 1_700_000_000))
    }

    struct Element { var name: String; var attributes: [String: String]; var text: String }

    /// The elements of a part in document order (local names, prefixed attribute names as written); with `text`,
    /// each element's direct text.
    static func elements(_ data: Data, file: String, text: Bool = false) throws -> [Element] {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil { throw TableError(file: file, "the workbook contains a DTD, which SESA refuses") }
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            throw TableError(file: file, "the workbook's XML is malformed (line \(parser.lineNumber)): \(parser.parserError.map { "\($0)" } ?? "")")
        }
        return delegate.elements
    }

    final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: String(name.split(separator: ":").last ?? ""), attributes: attributes, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}
