import Fluent
import Foundation
import Interchange

/// CSV and XLSX sheets through the import page and its job: which uploads are sheets, their table, and the
/// module they go into (by prefix; a sheet always imports into one existing module).
public enum RequirementSheetImport {
    public static func isSheet(_ fileName: String) -> Bool {
        let name = fileName.lowercased()
        return name.hasSuffix(".csv") || name.hasSuffix(".xlsx")
    }

    /// Throws `TableError` (file, row, column, reason).
    public static func table(_ data: Data, name: String) throws -> CSVTable {
        name.lowercased().hasSuffix(".xlsx") ? try XLSXTable.read(data, file: name) : try CSVTable.read(data, file: name)
    }

    /// The project's live module with `prefix`; throws `RequirementInvalid` on field `into` otherwise.
    public static func module(prefix: String?, projectID: UUID, on db: any Database) async throws -> RequirementModule {
        guard let prefix, !prefix.isEmpty else { throw RequirementInvalid(field: "into", "choose the module a CSV or XLSX sheet goes into") }
        guard let module = try await RequirementQueries.module(prefix: prefix, projectID: projectID, on: db) else {
            throw RequirementInvalid(field: "into", "there is no requirement module \(prefix) in this project")
        }
        return module
    }
}
