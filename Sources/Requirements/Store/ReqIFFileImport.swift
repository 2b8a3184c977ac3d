import Fluent
import Foundation
import Interchange
import Platform

/// A `.reqif` or `.reqifz` file as import plans (one per ReqIF document in the archive), and their dry run or
/// application — several documents of one archive in one transaction, so an archive imports whole or not at
/// all. Used by `sesa import`, the API and the import page.
public enum ReqIFFileImport {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads and maps `url`; `module` keeps only the specification of that name (its objects' relations to
    /// other specifications link when those were imported before); `mappings` are the project's saved field
    /// mappings by source tool (`ReqIFMappings.all`).
    public static func plans(of url: URL, module: String? = nil, mappings: [String: ReqIFFieldMapping] = [:]) throws -> [ReqIFImportPlan] {
        var plans: [ReqIFImportPlan]
        if url.pathExtension.lowercased() == "reqifz" {
            let archive = try ReqIFZReader().read(contentsOf: url)
            plans = archive.files.map { file in
                var plan = ReqIFImportPlan(file.result.document, mappings: mappings)
                plan.warnings = file.result.warnings.map { "\(file.path): \($0)" } + plan.warnings.map { "\(file.path): \($0)" }
                return plan
            }
            plans[0].attachments = archive.attachments.map(\.path)
        } else {
            let result = try ReqIFReader().read(contentsOf: url)
            var plan = ReqIFImportPlan(result.document, mappings: mappings)
            plan.warnings = result.warnings.map(\.description) + plan.warnings
            plans = [plan]
        }
        guard let module else { return plans }
        let wanted = module.lowercased()
        let available = plans.flatMap { $0.modules.filter { $0.role == .specification }.map(\.name) }
        plans = plans.compactMap { plan in
            var plan = plan
            plan.modules = plan.modules.filter { $0.role == .specification && $0.name.lowercased() == wanted }
            plan.danglingNodes = plan.danglingNodes.filter { node in plan.modules.contains { $0.identifier == node.specification } }
            return plan.modules.isEmpty ? nil : plan
        }
        guard !plans.isEmpty else {
            throw Problem(message: "\(url.lastPathComponent): --module: there is no specification called “\(module)”; the file has: "
                          + (available.isEmpty ? "none" : available.joined(separator: ", ")))
        }
        return plans
    }

    /// The plans of an uploaded file's bytes; `name` decides the format (`.reqifz` is an archive) and names
    /// the file in errors.
    public static func plans(of data: Data, name: String, module: String? = nil,
                             mappings: [String: ReqIFFieldMapping] = [:]) throws -> [ReqIFImportPlan] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sesa-import-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let safeName = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "upload.reqif"
        let url = directory.appendingPathComponent(safeName.isEmpty || safeName.hasPrefix(".") ? "upload.reqif" : safeName)
        try data.write(to: url)
        return try plans(of: url, module: module, mappings: mappings)
    }

    public static func preview(_ context: RequirementContext, _ plans: [ReqIFImportPlan]) async throws -> [ReqIFImporter.Preview] {
        var previews: [ReqIFImporter.Preview] = []
        for plan in plans { previews.append(try await ReqIFImporter.preview(context, plan)) }
        return previews
    }

    /// Applies the plans in one transaction; `archive` is the `.reqifz` itself, whose attachments are stored
    /// (as blobs) with every module the archive imports.
    public static func apply(_ context: RequirementContext, _ plans: [ReqIFImportPlan], file: String, archive: Data? = nil)
        async throws -> [ReqIFImporter.Preview]
    {
        try await context.database.transaction { db in
            let inner = RequirementContext(database: db, projectID: context.projectID, role: context.role,
                                           registry: context.registry, actor: context.actor, now: context.now)
            var previews: [ReqIFImporter.Preview] = []
            for plan in plans { previews.append(try await ReqIFImporter.apply(inner, plan, file: file)) }
            if let archive, plans.contains(where: { !$0.attachments.isEmpty }) {
                try await storeAttachments(archive, file: file, plans: plans, context: inner, on: db)
            }
            return previews
        }
    }

    /// Each attachment once as a blob, recorded under its archive path for every module of the archive.
    static func storeAttachments(_ archive: Data, file: String, plans: [ReqIFImportPlan], context: RequirementContext,
                                 on db: any Database) async throws
    {
        let attachments = try ReqIFZAttachments(archive, file: file)
        var moduleIDs: [UUID] = []
        for plan in plans {
            for module in plan.modules {
                let identity = try await ReqIFIdentity.query(on: db).filter(\.$projectID == context.projectID)
                    .filter(\.$role == module.role).filter(\.$identifier == module.identifier).first()
                if let id = identity?.targetID, !moduleIDs.contains(id) { moduleIDs.append(id) }
            }
        }
        var replaced: [UUID] = []
        for path in attachments.paths {
            let data = try attachments.data(path, limit: BlobStore.defaultMaxBytes)
            let blob = try await BlobStore.put(data, projectID: context.projectID, on: db, at: context.now)
            for moduleID in moduleIDs {
                if let row = try await ReqIFAttachment.query(on: db).filter(\.$moduleID == moduleID).filter(\.$path == path).first() {
                    guard row.blobID != blob.id else { continue }
                    replaced.append(row.blobID)
                    row.blobID = try blob.requireID()
                    row.updatedAt = context.now
                    try await row.update(on: db)
                } else {
                    try await ReqIFAttachment(projectID: context.projectID, moduleID: moduleID, path: path, blobID: try blob.requireID(),
                                              at: context.now).create(on: db)
                }
            }
        }
        // Content an attachment no longer has goes, unless something else still uses the same bytes.
        try await BlobReferences.deleteUnreferenced(replaced, on: db)
    }
}
