import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// The import page (editors): upload a ReqIF or ReqIFZ file, see what it would change, apply it — a job with a
/// progress page. The upload is kept in the database between the comparison and the apply, so any worker can
/// run the job; comparisons never applied are removed after a day.
extension RequirementsController {
    struct ImportForm: Content {
        var file: File?
        var module: String?
    }

    @Sendable static func importForm(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        return request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken))
    }

    @Sendable static func importCompare(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try? request.content.decode(ImportForm.self)
        let module = form?.module.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        func refuse(_ field: String, _ reason: String) -> Response {
            request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken, module: module ?? "",
                                           errors: [.init(field: field, reason: reason)]), status: .unprocessableEntity)
        }
        guard let file = form?.file, file.data.readableBytes > 0 else { return refuse("file", "choose a .reqif or .reqifz file") }
        let name = file.filename.isEmpty ? "upload.reqif" : file.filename
        let data = Data(buffer: file.data)
        let mappings = try await ReqIFMappings.all(projectID: access.projectID, on: request.db)
        let plans: [ReqIFImportPlan]
        do {
            plans = try ReqIFFileImport.plans(of: data, name: name, module: module, mappings: mappings)
        } catch let error as ReqIFError {
            return refuse("file", error.description)
        } catch let problem as ReqIFFileImport.Problem {
            return refuse("module", problem.message)
        }
        let previews = try await ReqIFFileImport.preview(try RequirementContext(request), plans)
        let upload = ReqIFUpload(projectID: access.projectID, fileName: name, content: data, module: module,
                                 createdBy: request.auditActor.userID, at: request.now)
        try await request.db.transaction { db in
            try await ReqIFUpload.query(on: db).filter(\.$projectID == access.projectID)
                .filter(\.$createdAt < request.now.addingTimeInterval(-86_400)).delete()
            try await upload.create(on: db)
        }
        return request.render(ReqIFImportPage(access: access, csrfToken: request.csrfToken, module: module ?? "",
                                              comparison: .init(file: name, upload: try upload.requireID(), previews: previews, plans: plans)))
    }

    /// Saves the field mapping for one source tool from the comparison page (this file's attributes; the tool's
    /// other saved choices stay) and shows the comparison again, planned with it.
    @Sendable static func importMapping(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let upload = try await storedUpload(request, access)
        let form = FormPairs(request)
        let tool = form["tool"] ?? ""
        let saved = try await ReqIFMappings.all(projectID: access.projectID, on: request.db)
        var choices = saved[tool]?.entries ?? [:]
        for index in form.names(prefixed: "attribute-") {
            guard let attribute = form["attribute-" + index], let target = form["target-" + index] else { continue }
            choices[attribute] = target
        }
        let context = try RequirementContext(request)
        _ = try await ReqIFMappings.save(context, tool: tool, choices: choices)
        let plans = try ReqIFFileImport.plans(of: upload.content, name: upload.fileName, module: upload.module,
                                              mappings: try await ReqIFMappings.all(projectID: access.projectID, on: request.db))
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
