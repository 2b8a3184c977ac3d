import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// Interface sheets: CSV/XLSX downloads of the register and its import (page: check, then apply what was shown;
/// API: dry run or apply).
enum InterfaceSheetsController {
    static func read(_ data: Data, file: String, csv: Bool = false) throws -> CSVTable {
        try SheetFile.read(data, file: file, csv: csv)
    }

    static func download(_ table: CSVTable, format: String, name: String) throws -> Response {
        try SheetFile.download(table, format: format, name: name, sheet: "Interfaces")
    }

    static func export(format: String) -> @Sendable (Request) async throws -> Response { { request in
        let access = try request.requireProject()
        return try download(try await InterfaceTableImport.table(projectID: access.projectID, on: request.db), format: format,
                            name: "\(access.key)-interfaces")
    } }

    @Sendable static func importPage(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content { var file: File?; var sheet: String?; var name: String? }
        let form = try? request.content.decode(Form.self)
        let context = try ArtifactContext(request)
        do {
            if let sheet = form?.sheet, let name = form?.name {
                let report = try await InterfaceTableImport.run(context, table: try read(Data(sheet.utf8), file: name, csv: true), file: name, dryRun: false)
                request.flash(.success, "Imported \(name): \(report.created.count) new, \(report.changed.count) changed, \(report.unchanged.count) unchanged.")
                return request.redirect(to: InterfacesRoute.list(project: access.key).path, redirectType: .normal)
            }
            guard let file = form?.file, file.data.readableBytes > 0 else { throw FieldsInvalid(field: "file", "choose a .csv or .xlsx file") }
            let name = file.filename.isEmpty ? "interfaces.csv" : file.filename
            let table = try read(Data(buffer: file.data), file: name)
            let report = try await InterfaceTableImport.run(context, table: table, file: name, dryRun: true)
            let changed = report.changed.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.joined(separator: ", ")))" }
            let summary = "\(name): \(report.created.count) new, \(report.changed.count) changed"
                + (changed.isEmpty ? "" : ": " + changed.joined(separator: "; ")) + ", \(report.unchanged.count) unchanged."
            return try await InterfacesController.renderList(request, checked: .init(file: name, summary: summary,
                                                                                      sheet: String(decoding: table.write(), as: UTF8.self)))
        } catch let invalid as InterfaceImportInvalid {
            return try await InterfacesController.renderList(request, errors: invalid.errors.map { .init(field: "file", reason: $0.description) })
        } catch let invalid as FieldsInvalid {
            return try await InterfacesController.renderList(request, errors: invalid.errors.map { .init(field: "file", reason: $0.reason) })
        }
    }

    struct ReportDTO: Content {
        var dry_run: Bool
        var created: [String]
        var changed: [String: [String]]
        var unchanged: [String]
    }

    @Sendable static func importAPI(_ request: Request) async throws -> ReportDTO {
        let file = request.query[String.self, at: "file"] ?? "interfaces.csv"
        let dryRun = request.query[String.self, at: "dry_run"] == "1"
        let table = try read(request.body.data.map { Data(buffer: $0) } ?? Data(), file: file)
        let report = try await InterfaceTableImport.run(try ArtifactContext(request), table: table, file: file, dryRun: dryRun)
        return .init(dry_run: dryRun, created: report.created, changed: report.changed, unchanged: report.unchanged)
    }

    @Sendable static func exportAPI(_ request: Request) async throws -> Response {
        try await export(format: request.query[String.self, at: "format"] ?? "csv")(request)
    }
}
