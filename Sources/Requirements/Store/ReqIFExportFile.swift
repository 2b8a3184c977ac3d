import Fluent
import Foundation
import Interchange

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
        return try ReqIFZWriter().write([(fileName(format: "reqif", projectKey: projectKey, prefix: prefix), xml)], modified: now)
    }
}
