import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// Reading and writing the element sheet (CSV or XLSX) for the pages and the API alike.
enum ElementSheet {
    /// XLSX when `file` ends in .xlsx (unless `csv` says the data is CSV whatever the name), CSV otherwise; a
    /// table error names file, row and column (422).
    static func read(_ data: Data, file: String, csv: Bool = false) throws -> CSVTable {
        do {
            return !csv && file.lowercased().hasSuffix(".xlsx") ? try XLSXTable.read(data, file: file) : try CSVTable.read(data, file: file)
        } catch let error as TableError {
            throw ElementImportInvalid([error])
        }
    }

    static func download(format: String, project: ProjectAccess, on db: any Database) async throws -> Response {
        let table = try await ElementTableImport.table(projectID: project.projectID, on: db)
        let name = "\(project.key)-elements"
        switch format {
        case "csv":
            return attachment(table.write(), type: "text/csv; charset=utf-8", file: name + ".csv")
        case "xlsx":
            return attachment(try XLSXTable.write(table, sheet: "Elements"),
                              type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file: name + ".xlsx")
        default:
            throw FieldsInvalid(field: "format", "“\(format)” is not an export format (csv or xlsx)")
        }
    }

    static func attachment(_ data: Data, type: String, file: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.replacingOccurrences(of: "\"", with: ""))\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
