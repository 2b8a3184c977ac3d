import Fluent
import Foundation
import Interchange

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
            plans = try ReqIFZReader().read(contentsOf: url).files.map { file in
                var plan = ReqIFImportPlan(file.result.document, mappings: mappings)
                plan.warnings = file.result.warnings.map { "\(file.path): \($0)" } + plan.warnings.map { "\(file.path): \($0)" }
                return plan
            }
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

    public static func apply(_ context: RequirementContext, _ plans: [ReqIFImportPlan], file: String) async throws
        -> [ReqIFImporter.Preview]
    {
        try await context.database.transaction { db in
            let inner = RequirementContext(database: db, projectID: context.projectID, role: context.role,
                                           registry: context.registry, actor: context.actor, now: context.now)
            var previews: [ReqIFImporter.Preview] = []
            for plan in plans { previews.append(try await ReqIFImporter.apply(inner, plan, file: file)) }
            return previews
        }
    }
}
