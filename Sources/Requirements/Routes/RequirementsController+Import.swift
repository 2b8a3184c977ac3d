import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// The import page (editors): upload a ReqIF or ReqIFZ file, or a CSV or XLSX sheet for one module, see what it
/// would change, apply it — a job with a progress page. The upload is kept in the database between the comparison and the apply, so any worker can
/// run the job; comparisons never applied are removed after a day.
extension RequirementsController {
    struct ImportForm: Content {
        var file: File?
        var module: String?
        /// A sheet's module prefix.
        var into: String?
    }

    @Sendable static func importForm(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        return request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken, modules: try await moduleChoices(access, request)))
    }

    /// The project's modules for the sheet's "into" choice, in prefix order.
    static func moduleChoices(_ access: ProjectAccess, _ request: Request) async throws -> [(prefix: String, name: String)] {
        try await RequirementQueries.modules(projectID: access.projectID, on: request.db).map { ($0.module.prefix, $0.module.name) }
            .sorted { $0.prefix < $1.prefix }
    }

    /// A CSV or XLSX sheet: compared with its module, stored for the job like a ReqIF upload (`module` = prefix).
    static func compareSheet(_ request: Request, _ access: ProjectAccess, name: String, data: Data, into: String?,
                             refuse: ([ProblemDetails.FieldError]) async throws -> Response) async throws -> Response
    {
        let preview: ReqIFImporter.Preview
        let module: RequirementModule
        do {
            module = try await RequirementSheetImport.module(prefix: into, projectID: access.projectID, on: request.db)
            let table = try RequirementSheetImport.table(data, name: name)
            preview = try await RequirementTable.preview(try RequirementContext(request), module: module, table: table, file: name)
        } catch let invalid as RequirementInvalid {
            return try await refuse(invalid.errors)
        } catch let error as TableError {
            return try await refuse([.init(field: "file", reason: error.description)])
        } catch let problems as RequirementTable.Problems {
            return try await refuse(problems.errors.prefix(200).map { ProblemDetails.FieldError(field: "sheet", reason: $0.description) })
        }
        let upload = ReqIFUpload(projectID: access.projectID, fileName: name, content: data, module: module.prefix,
                                 createdBy: request.auditActor.userID, at: request.now)
        try await storeUpload(upload, request)
        return request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken, into: module.prefix,
                                              comparison: .init(file: name, upload: try upload.requireID(), previews: [preview], plans: [])))
    }

    /// Keeps an upload for the apply, sweeping the project's comparisons older than a day.
    static func storeUpload(_ upload: ReqIFUpload, _ request: Request) async throws {
        try await request.db.transaction { db in
            try await ReqIFUpload.query(on: db).filter(\.$projectID == upload.projectID)
                .filter(\.$createdAt < request.now.addingTimeInterval(-86_400)).delete()
            try await upload.create(on: db)
        }
    }

    @Sendable static func importCompare(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try? request.content.decode(ImportForm.self)
        let module = form?.module.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        // The module list is only needed when the form comes back.
        @Sendable func refuse(_ errors: [ProblemDetails.FieldError]) async throws -> Response {
            request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken, module: module ?? "", into: form?.into ?? "",
                                           modules: try await moduleChoices(access, request), errors: errors), status: .unprocessableEntity)
        }
        func refuse(_ field: String, _ reason: String) async throws -> Response { try await refuse([.init(field: field, reason: reason)]) }
        guard let file = form?.file, file.data.readableBytes > 0 else {
            return try await refuse("file", "choose a .reqif, .reqifz, .csv or .xlsx file")
        }
        let name = file.filename.isEmpty ? "upload.reqif" : file.filename
        let data = Data(buffer: file.data)
        if RequirementSheetImport.isSheet(name) {
            return try await compareSheet(request, access, name: name, data: data, into: form?.into, refuse: refuse)
        }
        let mappings = try await ReqIFMappings.all(projectID: access.projectID, on: request.db)
        let plans: [ReqIFImportPlan]
        do {
            plans = try ReqIFFileImport.plans(of: data, name: name, module: module, mappings: mappings)
        } catch let error as ReqIFError {
            return try await refuse("file", error.description)
        } catch let problem as ReqIFFileImport.Problem {
            return try await refuse("module", problem.message)
        }
        let previews = try await ReqIFFileImport.preview(try RequirementContext(request), plans)
        let upload = ReqIFUpload(projectID: access.projectID, fileName: name, content: data, module: module,
                                 createdBy: request.auditActor.userID, at: request.now)
        try await storeUpload(upload, request)
        return request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken, module: module ?? "",
                                              comparison: .init(file: name, upload: try upload.requireID(), previews: previews, plans: plans)))
    }

    /// Saves the field mapping for one source tool from the comparison page (this file's attributes; the tool's
    /// other saved choices stay) and shows the comparison again, planned with it.
    @Sendable static func importMapping(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let upload = try await storedUpload(request, access)
        let form = FormPairs(request)
        let tool = (form["tool"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var mappings = try await ReqIFMappings.all(projectID: access.projectID, on: request.db)
        var choices = mappings[tool]?.entries ?? [:]
        for index in form.names(prefixed: "attribute-") {
            guard let attribute = form["attribute-" + index], let target = form["target-" + index] else { continue }
            choices[attribute] = target
        }
        let context = try RequirementContext(request)
        mappings[tool] = try await ReqIFMappings.save(context, tool: tool, choices: choices)
        let plans = try ReqIFFileImport.plans(of: upload.content, name: upload.fileName, module: upload.module, mappings: mappings)
        let previews = try await ReqIFFileImport.preview(context, plans)
        return request.render(ReqIFImportPage(
            access: access, csrfToken: request.csrfToken, module: upload.module ?? "",
            comparison: .init(file: upload.fileName, upload: try upload.requireID(), previews: previews, plans: plans),
            notice: "Saved the field mapping for \(tool); the comparison below uses it."))
    }

    /// The project's upload named in the path; gone once applied or after a day.
    static func storedUpload(_ request: Request, _ access: ProjectAccess) async throws -> ReqIFUpload {
        guard let id = request.parameters.get("uploadID", as: UUID.self),
            let upload = try await ReqIFUpload.query(on: request.db).filter(\.$id == id).filter(\.$projectID == access.projectID).first()
        else { throw Abort(.notFound, reason: "This comparison has expired or was applied already; upload the file again.") }
        return upload
    }

    @Sendable static func importApply(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let upload = try await storedUpload(request, access)
        let job = try await ReqIFImportJob.enqueue(upload, role: access.role, actor: request.auditActor, on: request.db)
        request.flash(.success, "Importing \(upload.fileName): follow its progress here.")
        return request.redirect(to: "/jobs/\(job.uuidString.lowercased())", redirectType: .normal)
    }
}
