import Fluent
import Foundation

/// Reads of the artifact core, every one scoped by project.
public enum ArtifactQueries {
    public struct LinkRow: Sendable {
        public let link: ArtifactLink
        /// The key of the artifact at the other end.
        public let otherKey: String
    }

    public static func artifact(key: String, projectID: UUID, on database: any Database) async throws -> Artifact? {
        guard ArtifactKey.isValid(key) else { return nil }
        return try await Artifact.query(on: database).filter(\.$projectID == projectID).filter(\.$key == key).first()
    }

    public static func version(_ artifactID: UUID, _ version: Int, on database: any Database) async throws -> ArtifactVersion {
        guard let row = try await ArtifactVersion.query(on: database).filter(\.$artifactID == artifactID)
            .filter(\.$version == version).first()
        else { throw ArtifactStoreError.missingVersion }
        return row
    }

    /// The current version of each artifact, by artifact id, in a few queries (one per distinct version number and
    /// 500 artifacts): for importers comparing thousands of objects, which read them one by one before.
    public static func currentVersions(of artifacts: [Artifact], on database: any Database) async throws -> [UUID: ArtifactVersion] {
        var rows: [UUID: ArtifactVersion] = [:]
        let byVersion = Dictionary(grouping: artifacts.compactMap { artifact in artifact.id.map { (id: $0, version: artifact.version) } },
                                   by: \.version)
        for (version, entries) in byVersion {
            let ids = entries.map(\.id)
            for start in stride(from: 0, to: ids.count, by: 500) {
                for row in try await ArtifactVersion.query(on: database).filter(\.$artifactID ~~ Array(ids[start..<min(start + 500, ids.count)]))
                    .filter(\.$version == version).all()
                {
                    rows[row.artifactID] = row
                }
            }
        }
        return rows
    }

    /// Every version, oldest first.
    public static func history(_ artifactID: UUID, on database: any Database) async throws -> [ArtifactVersion] {
        try await ArtifactVersion.query(on: database).filter(\.$artifactID == artifactID).sort(\.$version).all()
    }

    public static func links(of artifact: Artifact, on database: any Database) async throws
        -> (outgoing: [LinkRow], incoming: [LinkRow])
    {
        let id = try artifact.requireID()
        let outgoing = try await ArtifactLink.query(on: database).filter(\.$projectID == artifact.projectID)
            .filter(\.$sourceID == id).all()
        let incoming = try await ArtifactLink.query(on: database).filter(\.$projectID == artifact.projectID)
            .filter(\.$targetID == id).all()
        let others = Set(outgoing.map(\.targetID) + incoming.map(\.sourceID))
        let keys = try await Artifact.query(on: database).filter(\.$id ~~ Array(others)).all()
            .reduce(into: [UUID: String]()) { result, row in if let id = row.id { result[id] = row.key } }
        func sorted(_ rows: [LinkRow]) -> [LinkRow] { rows.sorted { ($0.link.kind, $0.otherKey) < ($1.link.kind, $1.otherKey) } }
        return (sorted(outgoing.map { LinkRow(link: $0, otherKey: keys[$0.targetID] ?? "?") }),
                sorted(incoming.map { LinkRow(link: $0, otherKey: keys[$0.sourceID] ?? "?") }))
    }
}
