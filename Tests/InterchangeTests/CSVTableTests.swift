import Foundation
@testable import Interchange
import Testing

/// CSV reading and writing: encodings, delimiters, quoting, and errors that name row and column.
@Suite struct CSVTableTests {
    func read(_ text: String) throws -> CSVTable { try CSVTable.read(Data(text.utf8), file: "t.csv") }

    @Test func delimitersAndTheByteOrderMarkAreDetected() throws {
        #expect(try read("a,b\n1,2\n").rows == [["1", "2"]])
        let semicolon = try read("\u{FEFF}title;statement\r\nDetect;\"The radar; shall\"\r\n")
        #expect(semicolon.delimiter == ";" && semicolon.header == ["title", "statement"] && semicolon.rows == [["Detect", "The radar; shall"]])
        let tab = try read("title\tstatement\nA\tB")
        #expect(tab.delimiter == "\t" && tab.rows == [["A", "B"]])
    }

    @Test func quotedCellsKeepQuotesAndLineBreaks() throws {
        let table = try read("title,statement\n\"Say \"\"hi\"\"\",\"line one\nline two\"\n")
        #expect(table.rows == [["Say \"hi\"", "line one\nline two"]])
    }

    @Test func writtenTablesReadBackAndFormulasAreNeutralised() throws {
        let table = CSVTable(header: ["title", "statement"], rows: [["=SUM(A1)", "a, \"b\"\nc"], ["'=x", "@cmd"], ["-5 dB", "plain"]])
        let data = table.write()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}") && text.contains("'=SUM(A1)") && text.contains("'@cmd"))
        let back = try CSVTable.read(data, file: "t.csv")
        #expect(back.rows.map { $0.map(CSVTable.unprotected) } == table.rows)
    }

    @Test func badInputIsRefusedWithRowAndColumn() throws {
        #expect(throws: TableError(file: "t.csv", row: 2, "byte 7 is not valid UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel)")) {
            try CSVTable.read(Data("a,b\n1,\u{00}".utf8.dropLast()) + Data([0xC3, 0x28, 0x0A]), file: "t.csv")
        }
        #expect(throws: TableError(file: "t.csv", row: 2, column: 2, "a quoted cell is never closed")) { try read("a,b\n1,\"open\n") }
        #expect(throws: TableError(file: "t.csv", row: 3, column: 3, "the row has 3 cells but the header has 2 columns")) {
            try read("a,b\n1,2\n1,2,3\n")
        }
        #expect(throws: TableError(file: "t.csv", row: 1, "the file has no header row")) { try read("\n\n") }
        #expect(throws: TableError(file: "t.csv", row: 1, "the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel)")) {
            try CSVTable.read(Data([0xFF, 0xFE, 0x61, 0x00]), file: "t.csv")
        }
    }
}

/// XLSX: a written workbook reads back cell for cell; non-workbooks and hostile parts are refused.
@Suite struct XLSXTableTests {
    @Test func aWrittenWorkbookReadsBack() throws {
        let table = CSVTable(header: ["key", "title", "statement", "Safety level"],
                             rows: [["SYS-REQ-001", "Detect <fast>", "The radar shall detect & track.\nWithin 50 km.", ""],
                                    ["", "Track", "", "SIL 2"]])
        let data = try XLSXTable.write(table, sheet: "SYS")
        #expect(data.starts(with: Array("PK".utf8)))
        let back = try XLSXTable.read(data, file: "sys.xlsx")
        #expect(back.header == table.header && back.rows == table.rows)
    }

    @Test func cellReferencesAndBadFiles() throws {
        #expect(XLSXTable.position("B12")! == (12, 2))
        #expect(XLSXTable.position("AA1")! == (1, 27))
        #expect(XLSXTable.position("12B") == nil && XLSXTable.position("A0") == nil)
        #expect(throws: TableError(file: "x.xlsx", "this is not an .xlsx workbook (not a zip archive)")) {
            try XLSXTable.read(Data("key,title\n".utf8), file: "x.xlsx")
        }
        let doctype = try ReqIFZWriter().write([("xl/worksheets/sheet1.xml", Data("<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>".utf8))],
                                               modified: Date())
        #expect(throws: TableError(file: "x.xlsx", "the workbook contains a DTD, which SESA refuses")) { try XLSXTable.read(doctype, file: "x.xlsx") }
    }
}
