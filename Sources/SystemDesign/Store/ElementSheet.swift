import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// Reading and writing the element sheet (CSV or XLSX) for the pages and the API alike.
enum ElementSheet {
    static func read(_ data: Data, file: String, csv: Bool = false) throws -> CSVTable {
        try SheetFile.read(data, file: file, csv: csv)
    }

    static func download(format: String, project: ProjectAccess, on db: any Database) async throws -> Response {
        let table = try await ElementTableImport.table(projectID: project.projectID, on: db)
        return try SheetFile.download(table, format: format, name: "\(project.key)-elements", sheet: "Elements")
    }

    static func attachment(_ data: Data, type: String, file: String) -> Response {
        SheetFile.attachment(data, type: type, file: file)
    }
}
