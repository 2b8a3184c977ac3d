import Foundation
@testable import Interchange
import Testing

/// Date and time cells of a workbook arrive as ISO 8601, whatever number format shows them; plain numbers stay
/// numbers.
struct XLSXDatesTests {
    /// A one-sheet workbook whose cells are (reference, style, value); styles 1–4 are date, date-time, time and a
    /// custom "dd.mm.yyyy" format, style 5 a plain number format.
    static func workbook(_ cells: [(String, Int, String)], date1904: Bool = false) throws -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let rows = Dictionary(grouping: cells) { $0.0.filter(\.isNumber) }.sorted { Int($0.key)! < Int($1.key)! }.map { row, cells in
            "<row r=\"\(row)\">" + cells.map { "<c r=\"\($0.0)\" s=\"\($0.1)\"><v>\($0.2)</v></c>" }.joined() + "</row>"
        }.joined()
        let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>due</t></is></c><c r="B1" t="inlineStr"><is><t>count</t></is></c></row>"#
        let parts: [(String, String)] = [
            ("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rels)\">\(date1904 ? "<workbookPr date1904=\"1\"/>" : "")"
                + "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/styles.xml", "<styleSheet xmlns=\"\(main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd&quot;.&quot;mm&quot;.&quot;yyyy\"/>"
                + "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"6\"><xf numFmtId=\"0\"/>"
                + "<xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"21\"/><xf numFmtId=\"164\"/><xf numFmtId=\"2\"/></cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"),
            ("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(header)\(rows)</sheetData></worksheet>"),
        ]
        return try ReqIFZWriter().write(parts.map { ($0.0, Data($0.1.utf8)) }, modified: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func dateCellsBecomeISODatesAndNumbersStayNumbers() throws {
        let data = try Self.workbook([("A2", 1, "45677"), ("B2", 0, "45677"), ("A3", 2, "45677.354166666664"), ("B3", 5, "12.5"),
                                      ("A4", 3, "0.75"), ("A5", 4, "45291"), ("A6", 1, "1"), ("A7", 1, "61")])
        let table = try XLSXTable.read(data, file: "dates.xlsx")
        #expect(table.rows.map { $0[0] } == ["2025-01-20", "2025-01-20T08:30:00", "18:00:00", "2023-12-31", "1900-01-01", "1900-03-01"])
        #expect(table.rows[0][1] == "45677" && table.rows[1][1] == "12.5", "numbers without a date format stay as they are")
        let table1904 = try XLSXTable.read(try Self.workbook([("A2", 1, "0")], date1904: true), file: "mac.xlsx")
        #expect(table1904.rows[0][0] == "1904-01-01")
    }

    @Test func customFormatCodesAreClassifiedWithoutTheirQuotedText() {
        #expect(XLSXDates.kind(code: "dd\".\"mm\".\"yyyy") == .date)
        #expect(XLSXDates.kind(code: "[$-409]h:mm AM/PM") == .time)
        #expect(XLSXDates.kind(code: "yyyy-mm-dd hh:mm") == .dateTime)
        #expect(XLSXDates.kind(code: "0.00\" days\"") == nil, "quoted words are not format letters")
        #expect(XLSXDates.kind(code: "[Red]#,##0") == nil)
    }
}
