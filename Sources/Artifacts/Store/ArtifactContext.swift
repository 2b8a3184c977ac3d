import Fluent
import Foundation
import Platform
import Vapor

/// Who writes, in which project, with which role and clock: everything a domain store needs, so routes,
/// commands, importers, jobs and tests call the stores the same way.
public struct ArtifactContext: Sendable {
    public let database: any Database
    public let projectID: UUID
    public let role: ProjectRole
    public let registry: ArtifactRegistry
    public let actor: AuditActor
    public let now: Date

    public init(database: any Database, projectID: UUID, role: ProjectRole, registry: ArtifactRegistry,
                actor: AuditActor, now: Date)
    {
        self.database = database
        self.projectID = projectID
        self.role = role
        self.registry = registry
        self.actor = actor
        self.now = now
    }

    public init(_ request: Request) throws {
        let access = try request.requireProject()
        self.init(database: request.db, projectID: access.projectID, role: access.role,
                  registry: request.artifactRegistry, actor: request.auditActor, now: request.now)
    }

    /// The same caller on another connection (a transaction's), e.g. for a nested store call.
    public func on(_ database: any Database) -> ArtifactContext {
        ArtifactContext(database: database, projectID: projectID, role: role, registry: registry, actor: actor, now: now)
    }

    public func requireRole(_ needed: ProjectRole, to action: String) throws {
        guard role >= needed else {
            throw Abort(.forbidden, reason: "Only \(needed.rawValue)s may \(action); your role is \(role.rawValue).")
        }
    }

    /// One write transaction (see `ArtifactWriter.transaction`).
    public func write<T: Sendable>(_ body: @escaping @Sendable (ArtifactWriter) async throws -> T) async throws -> T {
        try await ArtifactWriter.transaction(on: database, projectID: projectID, registry: registry, actor: actor,
                                             now: now, body)
    }
}
