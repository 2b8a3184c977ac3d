import Fluent
import Foundation
import Interchange
import Platform

/// An export as file bytes and name, for the command, the API and the export buttons.
public enum ReqIFExportFile {
    public static func fileName(format: String, projectKey: String, prefix: String?) -> String {
        "\(projectKey)\(prefix.map { "-" + $0.uppercased() } ?? "").\(format)"
    }

    public static func data(format: String, projectID: UUID, projectKey: String, prefix: String?, on db: any Database, now: Date)
        async throws -> Data
    {
        let document = try await ReqIFExport.document(projectID: projectID, prefix: prefix, on: db, now: now)
        let xml = ReqIFWriter(timestamp: ISO8601DateFormatter().string(from: now)).write(document)
        guard format == "reqifz" else { return xml }
        var entries = [(path: fileName(format: "reqif", projectKey: projectKey, prefix: prefix), data: xml)]
        for (path, blob) in try await attachments(projectID: projectID, prefix: prefix, on: db) where path != entries[0].path {
            entries.append((path, blob.content))
        }
        return try ReqIFZWriter().write(entries, modified: now)
    }

    /// The attachments imported with the module (or with any module of the project), one per path, by path.
    static func attachments(projectID: UUID, prefix: String?, on db: any Database) async throws -> [(String, Blob)] {
        var query = ReqIFAttachment.query(on: db).filter(\.$projectID == projectID)
        if let prefix {
            guard let module = try await RequirementQueries.module(prefix: prefix, projectID: projectID, on: db) else { return [] }
            query = query.filter(\.$moduleID == (try module.requireID()))
        }
        var byPath: [String: UUID] = [:]
        for row in try await query.sort(\.$updatedAt, .descending).all() where byPath[row.path] == nil { byPath[row.path] = row.blobID }
        guard !byPath.isEmpty else { return [] }
        let blobs = try await Blob.query(on: db).filter(\.$id ~~ Array(Set(byPath.values))).all()
        return byPath.sorted { $0.key < $1.key }.compactMap { path, id in blobs.first { $0.id == id }.map { (path, $0) } }
    }
}
