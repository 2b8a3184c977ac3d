import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// `POST /api/v1/projects/{key}/imports/reqif?file=NAME[&module=NAME][&dry_run=1]` with the file as the body.
/// A dry run answers with the comparison; otherwise the file is checked, stored and imported by a job
/// (202 with the job's URL). Bad files get 422 naming the file, line and reason, and nothing is stored.
extension RequirementsAPIController {
    static let maximumImportBytes = 64 * 1024 * 1024

    @Sendable static func importReqIF(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let context = try RequirementContext(request)
        let name = (try? request.query.get(String.self, at: "file")) ?? "upload.reqif"
        let module = (try? request.query.get(String.self, at: "module")).flatMap { $0.isEmpty ? nil : $0 }
        let dryRun = ["1", "true", "yes"].contains((try? request.query.get(String.self, at: "dry_run")) ?? "")
        guard let body = request.body.data, body.readableBytes > 0 else {
            throw RequirementInvalid(field: "body", "send the .reqif or .reqifz file as the request body")
        }
        let data = Data(buffer: body)
        let mappings = try await ReqIFMappings.all(projectID: access.projectID, on: request.db)
        let plans: [ReqIFImportPlan]
        do {
            plans = try ReqIFFileImport.plans(of: data, name: name, module: module, mappings: mappings)
        } catch let error as ReqIFError {
            throw RequirementInvalid(field: "file", error.description)
        } catch let problem as ReqIFFileImport.Problem {
            throw RequirementInvalid(field: "module", problem.message)
        }
        if dryRun {
            let previews = try await ReqIFFileImport.preview(context, plans)
            return try await ImportDTOs.PreviewsDTO(documents: previews.map(ImportDTOs.PreviewDTO.init)).encodeResponse(for: request)
        }
        try context.requireRole(.editor, to: "import requirements")
        let upload = ReqIFUpload(projectID: access.projectID, fileName: name, content: data, module: module,
                                 createdBy: request.auditActor.userID, at: request.now)
        let actor = request.auditActor
        let job = try await request.db.transaction { db in
            try await upload.create(on: db)
            return try await ReqIFImportJob.enqueue(upload, role: access.role, actor: actor, on: db)
        }
        let accepted = ImportDTOs.AcceptedDTO(job: job.uuidString.lowercased(), url: "/api/v1/jobs/\(job.uuidString.lowercased())")
        return try await accepted.encodeResponse(status: .accepted, for: request)
    }
}

/// Exports: `GET …/exports/reqif?module=PREFIX&format=reqif|reqifz` (API) and the document page's buttons
/// (`…/requirements/{prefix}/export.reqif|reqifz`), both downloads.
extension RequirementsAPIController {
    @Sendable static func exportReqIF(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let format = (try? request.query.get(String.self, at: "format")) ?? "reqif"
        guard ["reqif", "reqifz"].contains(format) else { throw RequirementInvalid(field: "format", "the format must be reqif or reqifz") }
        var prefix = (try? request.query.get(String.self, at: "module")).flatMap { $0.isEmpty ? nil : $0.uppercased() }
        if let given = prefix {
            guard let module = try await RequirementQueries.module(prefix: given, projectID: access.projectID, on: request.db) else {
                throw Abort(.notFound, reason: "There is no requirement module \(given) in \(access.key).")
            }
            prefix = module.prefix
        }
        return try await download(request, format: format, prefix: prefix)
    }

    static func download(_ request: Request, format: String, prefix: String?) async throws -> Response {
        let access = try request.requireProject()
        let data = try await ReqIFExportFile.data(format: format, projectID: access.projectID, projectKey: access.key, prefix: prefix,
                                                  on: request.db, now: request.now)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = format == "reqifz" ? .zip : .xml
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(ReqIFExportFile.fileName(format: format, projectKey: access.key, prefix: prefix))\"")
        return response
    }
}

extension RequirementsController {
    @Sendable static func exportReqIF(_ request: Request) async throws -> Response {
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let format = request.url.path.hasSuffix(".reqifz") ? "reqifz" : "reqif"
        return try await RequirementsAPIController.download(request, format: format, prefix: module.prefix)
    }
}

/// `POST …/requirement-modules/{prefix}/imports/table?file=NAME.csv|NAME.xlsx[&dry_run=1]` with the sheet as the
/// body: the comparison (dry run) or the applied comparison, at once — sheets are one module, small enough for
/// a request. Every bad row comes back in `errors` as `row R, column C: …`; nothing is stored then.
extension RequirementsAPIController {
    @Sendable static func importTable(_ request: Request) async throws -> ImportDTOs.PreviewsDTO {
        let (module, _) = try await findModule(request)
        let context = try RequirementContext(request)
        let name = (try? request.query.get(String.self, at: "file")) ?? "upload.csv"
        let dryRun = ["1", "true", "yes"].contains((try? request.query.get(String.self, at: "dry_run")) ?? "")
        guard let body = request.body.data, body.readableBytes > 0 else {
            throw RequirementInvalid(field: "body", "send the .csv or .xlsx file as the request body")
        }
        let data = Data(buffer: body)
        do {
            let table = name.lowercased().hasSuffix(".xlsx") ? try XLSXTable.read(data, file: name) : try CSVTable.read(data, file: name)
            let preview = dryRun ? try await RequirementTable.preview(context, module: module, table: table, file: name)
                : try await RequirementTable.apply(context, module: module, table: table, file: name)
            return ImportDTOs.PreviewsDTO(documents: [ImportDTOs.PreviewDTO(preview)])
        } catch let error as TableError {
            throw RequirementInvalid(errors: [fieldError(error)])
        } catch let problems as RequirementTable.Problems {
            throw RequirementInvalid(errors: problems.errors.prefix(500).map(fieldError))
        }
    }

    /// `field` is "row R, column C" (or "file"), the reason the whole message.
    static func fieldError(_ error: TableError) -> ProblemDetails.FieldError {
        var field = "file"
        if let row = error.row { field = "row \(row)" + (error.column.map { ", column \($0)" } ?? "") }
        return .init(field: field, reason: error.description)
    }
}

extension RequirementsAPIController {
    @Sendable static func mappings(_ request: Request) async throws -> ImportDTOs.MappingsDTO {
        let access = try request.requireProject()
        let mappings = try await ReqIFMappings.all(projectID: access.projectID, on: request.db)
        return ImportDTOs.MappingsDTO(items: mappings.sorted { $0.key < $1.key }.map { ImportDTOs.MappingDTO(tool: $0.key, entries: $0.value.entries) })
    }

    @Sendable static func saveMapping(_ request: Request) async throws -> ImportDTOs.MappingDTO {
        guard let input = try? request.content.decode(ImportDTOs.MappingDTO.self) else {
            throw RequirementInvalid(field: "body", "send {\"tool\": \"…\", \"entries\": {\"attribute name\": \"ReqIF.Text\"}}")
        }
        let saved = try await ReqIFMappings.save(try RequirementContext(request), tool: input.tool, choices: input.entries)
        return ImportDTOs.MappingDTO(tool: input.tool.trimmingCharacters(in: .whitespacesAndNewlines), entries: saved.entries)
    }
}

extension RequirementsController {
    /// A module's ReqIFZ attachment, to its project's members only and always as a download: the content came
    /// from another tool's archive, so it is never rendered in SESA's origin (and the security headers give
    /// non-HTML responses `default-src 'none'`, so even an SVG opened directly runs no script).
    @Sendable static func attachment(_ request: Request) async throws -> Response {
        let (module, _) = try await RequirementsAPIController.findModule(request)
        guard let id = request.parameters.get("attachmentID", as: UUID.self),
            let (path, blob) = try await ReqIFAttachments.find(id, moduleID: try module.requireID(), on: request.db)
        else { throw Abort(.notFound, reason: "This module has no such attachment.") }
        let name = String((path.split(separator: "/").last ?? "attachment").filter { $0.isLetter || $0.isNumber || "._- ".contains($0) })
        let response = Response(status: .ok, body: .init(data: blob.content))
        response.headers.replaceOrAdd(name: .contentType, value: blob.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name.isEmpty ? "attachment" : name)\"")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
