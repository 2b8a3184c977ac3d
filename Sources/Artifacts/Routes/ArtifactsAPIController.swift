import Fluent
import Foundation
import Platform
import Vapor

/// Read access to any artifact of a project by key: the current snapshot, its history and its links. Writes
/// belong to each kind's own module (they validate their fields), all through `ArtifactWriter`.
enum ArtifactsAPIController {
    static let keyParameter = "artifactKey"

    @Sendable static func show(_ request: Request) async throws -> ArtifactDTOs.ArtifactDTO {
        let artifact = try await find(request)
        let current = try await ArtifactQueries.version(artifact.requireID(), artifact.version, on: request.db)
        return ArtifactDTOs.ArtifactDTO(
            id: try artifact.requireID(), key: artifact.key, kind: artifact.kind, title: artifact.title,
            version: artifact.version, fields: try current.fields(), contentHash: artifact.contentHash,
            triggerHash: artifact.triggerHash, createdAt: artifact.createdAt, updatedAt: artifact.updatedAt,
            deleted: artifact.deletedAt != nil)
    }

    @Sendable static func history(_ request: Request) async throws -> ArtifactDTOs.VersionList {
        let artifact = try await find(request)
        let versions = try await ArtifactQueries.history(try artifact.requireID(), on: request.db)
        return ArtifactDTOs.VersionList(items: try versions.map {
            ArtifactDTOs.VersionDTO(version: $0.version, change: $0.change.rawValue, revision: $0.revision,
                                    changedAt: $0.changedAt, changedBy: $0.changedByLabel, contentHash: $0.contentHash,
                                    triggerHash: $0.triggerHash, fields: try $0.fields())
        })
    }

    @Sendable static func links(_ request: Request) async throws -> ArtifactDTOs.LinkList {
        let artifact = try await find(request)
        let links = try await ArtifactQueries.links(of: artifact, on: request.db)
        let registry = request.artifactRegistry
        func dto(_ row: ArtifactQueries.LinkRow, outgoing: Bool) -> ArtifactDTOs.LinkDTO {
            let kind = registry.linkKind(row.link.kind)
            return ArtifactDTOs.LinkDTO(
                id: row.link.id ?? UUID(), kind: row.link.kind,
                label: (outgoing ? kind?.label : kind?.inverseLabel) ?? row.link.kind,
                source: outgoing ? artifact.key : row.otherKey, target: outgoing ? row.otherKey : artifact.key,
                suspect: row.link.suspect)
        }
        return ArtifactDTOs.LinkList(outgoing: links.outgoing.map { dto($0, outgoing: true) },
                                     incoming: links.incoming.map { dto($0, outgoing: false) })
    }

    @Sendable static func revision(_ request: Request) async throws -> ArtifactDTOs.Revision {
        ArtifactDTOs.Revision(revision: try await ProjectRevision.current(try request.requireProject().projectID, on: request.db))
    }

    @Sendable static func kinds(_ request: Request) async throws -> ArtifactDTOs.KindList {
        _ = try request.requireIdentity()
        let registry = request.artifactRegistry
        return ArtifactDTOs.KindList(
            kinds: registry.kinds.map {
                .init(id: $0.id, label: $0.label, keyPattern: $0.defaultKeyPattern.description, triggerFields: $0.triggerFields)
            },
            linkKinds: registry.linkKinds.map { kind in
                .init(id: kind.id, label: kind.label, inverseLabel: kind.inverseLabel,
                      pairs: kind.pairs.map { [$0.source, $0.target] }.sorted { $0.joined() < $1.joined() },
                      acyclic: kind.acyclic)
            })
    }

    static func find(_ request: Request) async throws -> Artifact {
        let access = try request.requireProject()
        let key = request.parameters.get(keyParameter) ?? ""
        guard let artifact = try await ArtifactQueries.artifact(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no artifact \(key) in \(access.key).")
        }
        return artifact
    }
}
