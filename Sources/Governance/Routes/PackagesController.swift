import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// Design package pages: the list, one package's report with its contents, and the report's downloads.
enum PackagesController {
    struct PackageForm: Content {
        var title: String?
        var owner: String?
        var phase: String?
        var status: String?
        var description: String?
        var version: Int?

        func draft(_ request: Request) async throws -> PackageDraft {
            try await GovernanceRequest.packageDraft(title: title, owner: owner, phase: phase, status: status, description: description, request)
        }
    }

    // MARK: list

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await renderList(request)
    }

    static func renderList(_ request: Request, form: PackageForm = .init(), checked: SheetImportForm.Checked? = nil,
                           errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let page = PackagesPage(access: access, rows: try await GovernanceQueries.packages(projectID: access.projectID, on: request.db),
                                choices: try await PackageChoices.load(access.projectID, on: request.db),
                                csrfToken: request.csrfToken, form: form, checked: checked, errors: errors)
        return request.render(page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(PackageForm.self)
        do {
            let artifact = try await DesignPackageStore.create(try ArtifactContext(request), draft: try await form.draft(request))
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: GovernanceRoute.package(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    static func exportList(format: String) -> @Sendable (Request) async throws -> Response { { request in
        let access = try request.requireProject()
        let table = try await PackageTableImport.table(projectID: access.projectID, on: request.db)
        return try sheet(table, format: format, name: "\(access.key)-design-packages", sheetName: "Design packages")
    } }

    /// An uploaded sheet is checked and compared (nothing stored); the comparison posts the checked sheet back as
    /// `sheet`, which applies it in one transaction.
    @Sendable static func importSheet(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content { var file: File?; var sheet: String?; var name: String? }
        let form = try? request.content.decode(Form.self)
        let context = try ArtifactContext(request)
        do {
            if let sheet = form?.sheet, let name = form?.name {
                let table = try readSheet(Data(sheet.utf8), file: name, csv: true)
                let report = try await PackageTableImport.run(context, table: table, file: name, dryRun: false)
                request.flash(.success, "Imported \(name): \(report.created.count) new, \(report.changed.count) changed, \(report.unchanged.count) unchanged.")
                return request.redirect(to: GovernanceRoute.packages(project: access.key).path, redirectType: .normal)
            }
            guard let file = form?.file, file.data.readableBytes > 0 else { throw FieldsInvalid(field: "file", "choose a .csv or .xlsx file") }
            let name = file.filename.isEmpty ? "packages.csv" : file.filename
            let table = try readSheet(Data(buffer: file.data), file: name)
            let report = try await PackageTableImport.run(context, table: table, file: name, dryRun: true)
            let list = { (keys: [String]) in keys.isEmpty ? "" : " (" + keys.joined(separator: ", ") + ")" }
            let summary = "\(name): \(report.created.count) new\(list(report.created)), \(report.changed.count) changed\(list(report.changed)), "
                + "\(report.unchanged.count) unchanged."
            return try await renderList(request, checked: .init(file: name, summary: summary, sheet: String(decoding: table.write(), as: UTF8.self)))
        } catch let invalid as PackageImportInvalid {
            return try await renderList(request, errors: invalid.errors.map { .init(field: "file", reason: $0.description) })
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, errors: invalid.errors.map { .init(field: "file", reason: $0.reason) })
        }
    }

    static func readSheet(_ data: Data, file: String, csv: Bool = false) throws -> CSVTable {
        try SheetFile.read(data, file: file, csv: csv)
    }

    // MARK: one package

    @Sendable static func package(_ request: Request) async throws -> Response {
        try await renderPackage(request)
    }

    static func renderPackage(_ request: Request, form: PackageForm? = nil, contentKey: String = "",
                              errors: [ProblemDetails.FieldError] = []) async throws -> Response
    {
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        let report = try await PackageReport.load(row, projectID: access.projectID, registry: request.artifactRegistry, on: request.db)
        let page = PackagePage(access: access, report: report, choices: try await PackageChoices.load(access.projectID, on: request.db),
                               csrfToken: request.csrfToken, form: form, contentKey: contentKey, errors: errors)
        return request.render(page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        let form = try request.content.decode(PackageForm.self)
        do {
            try await DesignPackageStore.update(try ArtifactContext(request), id: row.id, expectedVersion: form.version ?? 0,
                                                draft: try await form.draft(request))
            request.flash(.success, "\(row.key) saved.")
            return request.redirect(to: GovernanceRoute.package(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderPackage(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        struct Form: Content { var version: Int? }
        try await DesignPackageStore.delete(try ArtifactContext(request), id: row.id,
                                            expectedVersion: try request.content.decode(Form.self).version ?? 0)
        request.flash(.success, "\(row.key) deleted.")
        return request.redirect(to: GovernanceRoute.packages(project: access.key).path, redirectType: .normal)
    }

    @Sendable static func include(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        struct Form: Content { var key: String? }
        let key = try request.content.decode(Form.self).key ?? ""
        do {
            try await DesignPackageStore.include(try ArtifactContext(request), packageID: row.id, key: key)
            request.flash(.success, "\(key) is now in \(row.key).")
            return request.redirect(to: GovernanceRoute.package(project: access.key, key: row.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderPackage(request, contentKey: key, errors: invalid.errors)
        }
    }

    @Sendable static func exclude(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        guard let link = request.parameters.get("linkID").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        try await DesignPackageStore.exclude(try ArtifactContext(request), packageID: row.id, linkID: link)
        request.flash(.success, "Taken out of \(row.key).")
        return request.redirect(to: GovernanceRoute.package(project: access.key, key: row.key).path, redirectType: .normal)
    }

    static func report(format: String) -> @Sendable (Request) async throws -> Response { { request in
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        let report = try await PackageReport.load(row, projectID: access.projectID, registry: request.artifactRegistry, on: request.db)
        return try sheet(report.table, format: format, name: "\(access.key)-\(row.key)-report", sheetName: row.key)
    } }

    /// A table as a CSV or XLSX download.
    static func sheet(_ table: CSVTable, format: String, name: String, sheetName: String) throws -> Response {
        try SheetFile.download(table, format: format, name: name, sheet: sheetName)
    }
}

/// The organisations and phases a package form offers.
struct PackageChoices: Sendable {
    let organisations: [(value: String, title: String)]
    let phases: [(value: String, title: String)]

    static func load(_ projectID: UUID, on db: any Database) async throws -> PackageChoices {
        PackageChoices(
            organisations: [("", "none")] + (try await GovernanceQueries.organisations(projectID: projectID, on: db)).map { ($0.code, $0.label) },
            phases: [("", "none")] + (try await GovernanceQueries.phases(projectID: projectID, on: db)).map { ($0.name, $0.name) })
    }
}
