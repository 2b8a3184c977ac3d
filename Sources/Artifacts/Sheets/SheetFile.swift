import Foundation
import Interchange
import Platform
import Vapor

/// Sheets (CSV or XLSX) as every import and export of the domain modules reads and writes them.
public enum SheetFile {
    /// XLSX when `file` ends in .xlsx (unless `csv` says the data is CSV whatever the name: a checked sheet posted
    /// back as text), CSV otherwise; a table error names file, row and column (422, nothing stored).
    public static func read(_ data: Data, file: String, csv: Bool = false) throws -> CSVTable {
        do {
            return !csv && file.lowercased().hasSuffix(".xlsx") ? try XLSXTable.read(data, file: file) : try CSVTable.read(data, file: file)
        } catch let error as TableError {
            throw SheetImportInvalid([error])
        }
    }

    /// `table` as a CSV or XLSX download named `name` plus the format's extension.
    public static func download(_ table: CSVTable, format: String, name: String, sheet: String) throws -> Response {
        switch format {
        case "csv": return attachment(table.write(), type: "text/csv; charset=utf-8", file: name + ".csv")
        case "xlsx":
            return attachment(try XLSXTable.write(table, sheet: sheet), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              file: name + ".xlsx")
        default: throw FieldsInvalid(field: "format", "“\(format)” is not an export format (csv or xlsx)")
        }
    }

    /// Any generated file as a download.
    public static func attachment(_ data: Data, type: String, file: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.replacingOccurrences(of: "\"", with: ""))\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

/// Every problem of an imported sheet, each naming file, row, column and why (422; nothing stored).
public struct SheetImportInvalid: AbortError, ErrorWithFieldErrors {
    public let errors: [TableError]
    public init(_ errors: [TableError]) { self.errors = errors }

    public var status: HTTPResponseStatus { .unprocessableEntity }
    public var reason: String {
        errors.count == 1 ? "Nothing was imported: \(errors[0])." : "Nothing was imported: \(errors.count) problems, the first: \(errors[0])."
    }
    public var fieldErrors: [ProblemDetails.FieldError] {
        errors.map { .init(field: "row \($0.row ?? 0)" + ($0.column.map { ", column \($0)" } ?? ""), reason: $0.description) }
    }
}
