import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The import job: reads the upload (a ReqIF or ReqIFZ file, or a CSV or XLSX sheet for one module), maps it,
/// applies it in one transaction and reports progress; its result is the summary. On failure nothing is stored and the job's error names the file and the reason.
enum ReqIFImportJob {
    static let kind = "requirements.reqif-import"

    struct Payload: Codable, Sendable {
        var upload: UUID
        var project: UUID
        var role: ProjectRole
        var user: UUID?
        var label: String
    }

    struct Result: Codable, Sendable {
        var file: String
        var new: Int
        var changed: Int
        var unchanged: Int
        var missing: Int
        var newLinks: Int
        var warnings: [String]
        enum CodingKeys: String, CodingKey { case file, new, changed, unchanged, missing, warnings; case newLinks = "new_links" }
    }

    /// Queues the import of a stored upload, as `actor` with `role`. One attempt: a bad file does not improve.
    static func enqueue(_ upload: ReqIFUpload, role: ProjectRole, actor: AuditActor, on db: any Database) async throws -> UUID {
        try await JobQueue.enqueue(
            kind: kind, payload: Payload(upload: try upload.requireID(), project: upload.projectID, role: role, user: actor.userID, label: actor.label),
            on: db, maxAttempts: 1, projectID: upload.projectID, createdBy: actor.userID)
    }

    static func run(_ job: JobContext) async throws -> String? {
        let payload = try job.payload(as: Payload.self)
        let app = job.application
        guard let upload = try await ReqIFUpload.find(payload.upload, on: app.db) else {
            throw Abort(.gone, reason: "The uploaded file is gone (it was imported already or the project was deleted).")
        }
        try await job.progress(5, "reading \(upload.fileName)")
        let context = RequirementContext(database: app.db, projectID: payload.project, role: payload.role, registry: app.artifactRegistry,
                                         actor: AuditActor(userID: payload.user, label: payload.label), now: app.clock.now())
        let previews: [ReqIFImporter.Preview]
        if RequirementSheetImport.isSheet(upload.fileName) {
            // A sheet from the import page: `module` holds the prefix of the module it goes into.
            let module = try await RequirementSheetImport.module(prefix: upload.module, projectID: upload.projectID, on: app.db)
            let table = try RequirementSheetImport.table(upload.content, name: upload.fileName)
            try await job.progress(30, "writing \(table.rows.count) rows into \(module.prefix)")
            previews = [try await RequirementTable.apply(context, module: module, table: table, file: upload.fileName)]
        } else {
            let mappings = try await ReqIFMappings.all(projectID: upload.projectID, on: app.db)
            let plans = try ReqIFFileImport.plans(of: upload.content, name: upload.fileName, module: upload.module, mappings: mappings)
            let objects = plans.reduce(0) { $0 + $1.counts.specObjects }
            try await job.progress(30, "writing \(objects) objects")
            previews = try await ReqIFFileImport.apply(context, plans, file: upload.fileName, archive: upload.content)
        }
        try await upload.delete(on: app.db)
        try await job.progress(100, "imported: " + previews.map(\.summary).joined(separator: "; "))
        let result = Result(file: upload.fileName, new: previews.reduce(0) { $0 + $1.count(.new) },
                            changed: previews.reduce(0) { $0 + $1.count(.changed) },
                            unchanged: previews.reduce(0) { $0 + $1.count(.unchanged) },
                            missing: previews.reduce(0) { $0 + $1.count(.missing) },
                            newLinks: previews.reduce(0) { $0 + $1.newLinks.count }, warnings: previews.flatMap(\.warnings))
        return String(decoding: try JSONCoding.encoder.encode(result), as: UTF8.self)
    }
}
