import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// The only way artifacts, their versions and their links are written. One writer is one transaction in one
/// project: it bumps the project's revision first — which also takes the project's write lock on PostgreSQL
/// (the revision row) and SQLite (the database), so the version checks below cannot race — then every
/// change writes the artifact row, a version row with the canonical snapshot and an audit row, all committed
/// or rolled back together.
public final class ArtifactWriter {
    public let database: any Database
    public let projectID: UUID
    /// The project revision this transaction creates; stamped on every version row it writes.
    public let revision: Int64
    let registry: ArtifactRegistry
    let actor: AuditActor
    let now: Date
    /// The project's trigger fields per kind, read once per transaction.
    var triggerFieldCache: [String: [String]] = [:]

    init(database: any Database, projectID: UUID, revision: Int64, registry: ArtifactRegistry, actor: AuditActor,
         now: Date)
    {
        self.database = database
        self.projectID = projectID
        self.revision = revision
        self.registry = registry
        self.actor = actor
        self.now = now
    }

    /// Runs `body` in a write transaction of `projectID` (joining the caller's transaction if there is one).
    public static func transaction<T: Sendable>(
        on database: any Database, projectID: UUID, registry: ArtifactRegistry, actor: AuditActor, now: Date,
        _ body: @escaping @Sendable (ArtifactWriter) async throws -> T
    ) async throws -> T {
        let run: @Sendable (any Database) async throws -> T = { db in
            let revision = try await ProjectRevision.bump(projectID, on: db)
            let writer = ArtifactWriter(database: db, projectID: projectID, revision: revision, registry: registry,
                                        actor: actor, now: now)
            return try await body(writer)
        }
        if database.inTransaction { return try await run(database) }
        return try await database.transaction { try await run($0) }
    }

    // MARK: artifacts

    /// Creates an artifact of `kind`. `key` is used as given (an import keeps its keys) or allocated from
    /// `keyPattern` (the kind's default when nil); `id` likewise (a domain row may need it first).
    @discardableResult
    public func create(kind kindID: String, title: String, fields: ArtifactFields, key: String? = nil,
                       keyPattern: KeyPattern? = nil, id: UUID? = nil) async throws -> Artifact
    {
        guard let kind = registry.kind(kindID) else { throw Abort(.internalServerError, reason: "Unknown artifact kind \(kindID).") }
        let title = try Self.checkedTitle(title)
        let pattern = keyPattern ?? kind.defaultKeyPattern
        let key = try await resolveKey(key, pattern: pattern)
        let snapshot = Self.snapshot(title: title, fields: fields)
        let artifact = Artifact()
        artifact.id = id ?? UUID()
        artifact.projectID = projectID
        artifact.kind = kind.id
        artifact.key = key
        artifact.title = title
        artifact.version = 1
        artifact.contentHash = snapshot.hash()
        artifact.triggerHash = snapshot.hash(of: try await triggerFields(of: kind))
        artifact.triggerRevision = revision
        artifact.createdAt = now
        artifact.createdBy = actor.userID
        artifact.updatedAt = now
        artifact.updatedBy = actor.userID
        try await artifact.create(on: database)
        try await writeVersion(of: artifact, snapshot: snapshot, change: .created)
        try await AuditLog.record(
            AuditEvent("artifact.created", kind: kind.id, id: artifact.id?.uuidString.lowercased(), key: key,
                       project: projectID, after: Self.summary(snapshot, fields: snapshot.fieldNames)),
            by: actor, on: database, at: now)
        return artifact
    }

    /// Saves a new version. `expectedVersion` is the version the user started from; if the artifact has moved
    /// on since, nothing is written and `VersionConflict` (409) shows both sides. Saving identical content
    /// writes nothing and returns the artifact unchanged.
    @discardableResult
    public func update(_ artifactID: UUID, expectedVersion: Int, title: String, fields: ArtifactFields) async throws
        -> Artifact
    {
        let artifact = try await live(artifactID)
        guard let kind = registry.kind(artifact.kind) else { throw Abort(.internalServerError, reason: "Unknown artifact kind \(artifact.kind).") }
        let title = try Self.checkedTitle(title)
        let snapshot = Self.snapshot(title: title, fields: fields)
        let previous = try await currentVersion(of: artifact)
        let before = try previous.fields()
        guard artifact.version == expectedVersion else {
            throw VersionConflict(key: artifact.key, yourVersion: expectedVersion, currentVersion: artifact.version,
                                  currentBy: previous.changedByLabel, current: before, yours: snapshot)
        }
        let changed = before.changes(to: snapshot)
        guard !changed.isEmpty else { return artifact }
        let triggerHash = snapshot.hash(of: try await triggerFields(of: kind))
        let triggerChanged = triggerHash != artifact.triggerHash
        artifact.title = title
        artifact.version += 1
        artifact.contentHash = snapshot.hash()
        artifact.triggerHash = triggerHash
        if triggerChanged { artifact.triggerRevision = revision }
        artifact.updatedAt = now
        artifact.updatedBy = actor.userID
        try await artifact.update(on: database)
        try await writeVersion(of: artifact, snapshot: snapshot, change: .updated)
        if triggerChanged { try await markLinksSuspect(artifactID, triggerHash: triggerHash) }
        try await AuditLog.record(
            AuditEvent("artifact.updated", kind: kind.id, id: artifactID.uuidString.lowercased(), key: artifact.key,
                       project: projectID, before: Self.summary(before, fields: changed),
                       after: Self.summary(snapshot, fields: changed),
                       note: "version \(artifact.version)" + (triggerChanged ? "; links turned suspect" : "")),
            by: actor, on: database, at: now)
        return artifact
    }

    /// Retires an artifact: it disappears from lists and links, its history and key stay (keys are never reused).
    public func delete(_ artifactID: UUID, expectedVersion: Int) async throws {
        let artifact = try await live(artifactID)
        let previous = try await currentVersion(of: artifact)
        let snapshot = try previous.fields()
        guard artifact.version == expectedVersion else {
            throw VersionConflict(key: artifact.key, yourVersion: expectedVersion, currentVersion: artifact.version,
                                  currentBy: previous.changedByLabel, current: snapshot, yours: snapshot)
        }
        artifact.version += 1
        artifact.deletedAt = now
        artifact.updatedAt = now
        artifact.updatedBy = actor.userID
        try await artifact.update(on: database)
        try await writeVersion(of: artifact, snapshot: snapshot, change: .deleted)
        try await ArtifactLink.query(on: database).group(.or) {
            $0.filter(\.$sourceID == artifactID).filter(\.$targetID == artifactID)
        }.delete()
        try await AuditLog.record(
            AuditEvent("artifact.deleted", kind: artifact.kind, id: artifactID.uuidString.lowercased(), key: artifact.key,
                       project: projectID, note: "version \(artifact.version)"),
            by: actor, on: database, at: now)
    }

    // MARK: links

    /// Links `source` to `target` with a registered link kind. Both must be live artifacts of this project, the
    /// pair of kinds allowed, the link new, and — for acyclic kinds — it must not close a cycle (the cycle is
    /// named in the refusal).
    @discardableResult
    public func link(_ kindID: String, from sourceID: UUID, to targetID: UUID) async throws -> ArtifactLink {
        guard let kind = registry.linkKind(kindID) else {
            throw ArtifactRefusal(field: "kind", "there is no link kind “\(kindID)”")
        }
        guard sourceID != targetID else { throw ArtifactRefusal(field: "target", "an artifact cannot link to itself") }
        let source = try await live(sourceID, field: "source")
        let target = try await live(targetID, field: "target")
        guard kind.allows(source: source.kind, target: target.kind) else {
            throw ArtifactRefusal(field: "kind", "a \(kind.id) link cannot go from a \(source.kind) to a \(target.kind)")
        }
        let existing = try await ArtifactLink.query(on: database).filter(\.$kind == kind.id)
            .filter(\.$sourceID == sourceID).filter(\.$targetID == targetID).first()
        guard existing == nil else {
            throw ArtifactRefusal(.conflict, field: "target", "\(source.key) already \(kind.label) \(target.key)")
        }
        if kind.acyclic, let cycle = try await path(kind: kind.id, from: targetID, to: sourceID) {
            let keys = try await keys(of: cycle + [targetID])
            throw ArtifactRefusal(field: "target", "this \(kind.id) link would close a cycle: \(keys.joined(separator: " → "))")
        }
        let link = newLink(kind.id, from: source, to: target)
        try await link.create(on: database)
        try await AuditLog.record(
            AuditEvent("link.created", kind: "link", id: link.id?.uuidString.lowercased(),
                       key: "\(source.key) \(kind.id) \(target.key)", project: projectID),
            by: actor, on: database, at: now)
        return link
    }

    /// A new link row (not yet stored), baselined to both ends' current trigger hashes.
    func newLink(_ kindID: String, from source: Artifact, to target: Artifact) -> ArtifactLink {
        newLink(kindID, from: (source.id!, source.triggerHash), to: (target.id!, target.triggerHash))
    }

    /// A link between two ends given by id and trigger hash (what `linkMany` reads of them).
    func newLink(_ kindID: String, from source: (id: UUID, triggerHash: String), to target: (id: UUID, triggerHash: String)) -> ArtifactLink {
        let link = ArtifactLink()
        link.id = UUID()
        link.projectID = projectID
        link.kind = kindID
        link.sourceID = source.id
        link.targetID = target.id
        link.version = 1
        link.sourceHashAtReview = source.triggerHash
        link.targetHashAtReview = target.triggerHash
        link.suspect = false
        link.createdAt = now
        link.createdBy = actor.userID
        return link
    }

    public func unlink(_ linkID: UUID) async throws {
        guard let link = try await ArtifactLink.query(on: database).filter(\.$id == linkID)
            .filter(\.$projectID == projectID).first()
        else { throw Abort(.notFound, reason: "There is no such link in this project.") }
        let keys = try await keys(of: [link.sourceID, link.targetID])
        try await link.delete(on: database)
        try await AuditLog.record(
            AuditEvent("link.deleted", kind: "link", id: linkID.uuidString.lowercased(),
                       key: "\(keys[0]) \(link.kind) \(keys[1])", project: projectID),
            by: actor, on: database, at: now)
    }

    /// Clears a suspect link after someone reviewed both ends: the link records the ends' current trigger
    /// hashes, gets a new version and the reason goes into the audit trail. Editors only (the route checks).
    @discardableResult
    public func clearSuspect(_ linkID: UUID, reason: String) async throws -> ArtifactLink {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3, reason.count <= 1_000 else {
            throw ArtifactRefusal(field: "reason", "say why the link still holds (3–1,000 characters)")
        }
        guard let link = try await ArtifactLink.query(on: database).filter(\.$id == linkID)
            .filter(\.$projectID == projectID).first()
        else { throw Abort(.notFound, reason: "There is no such link in this project.") }
        guard link.suspect else {
            throw ArtifactRefusal(.conflict, field: "link", "the link is not suspect (someone may have cleared it already)")
        }
        let source = try await live(link.sourceID)
        let target = try await live(link.targetID)
        link.suspect = false
        link.sourceHashAtReview = source.triggerHash
        link.targetHashAtReview = target.triggerHash
        link.version += 1
        link.clearedAt = now
        link.clearedBy = actor.userID
        link.clearedReason = reason
        try await link.update(on: database)
        try await AuditLog.record(
            AuditEvent("link.suspect-cleared", kind: "link", id: linkID.uuidString.lowercased(),
                       key: "\(source.key) \(link.kind) \(target.key)", project: projectID,
                       before: ["suspect": "yes"], after: ["suspect": "no"], note: reason),
            by: actor, on: database, at: now)
        return link
    }

    // MARK: helpers

    func live(_ id: UUID, field: String? = nil) async throws -> Artifact {
        guard let artifact = try await Artifact.query(on: database).filter(\.$id == id)
            .filter(\.$projectID == projectID).filter(\.$deletedAt == nil).first()
        else {
            if let field { throw ArtifactRefusal(field: field, "there is no such artifact in this project") }
            throw Abort(.notFound, reason: "There is no such artifact in this project.")
        }
        return artifact
    }

    func currentVersion(of artifact: Artifact) async throws -> ArtifactVersion {
        guard let version = try await ArtifactVersion.query(on: database).filter(\.$artifactID == (try artifact.requireID()))
            .filter(\.$version == artifact.version).first()
        else { throw Abort(.internalServerError, reason: "Artifact \(artifact.key) has no row for its version \(artifact.version).") }
        return version
    }

    func writeVersion(of artifact: Artifact, snapshot: ArtifactFields, change: ArtifactVersion.Change) async throws {
        let row = ArtifactVersion()
        row.artifactID = try artifact.requireID()
        row.version = artifact.version
        row.projectID = projectID
        row.revision = revision
        row.change = change
        row.title = artifact.title
        row.content = snapshot.canonicalJSON()
        row.contentHash = artifact.contentHash
        row.triggerHash = artifact.triggerHash
        row.changedAt = now
        row.changedBy = actor.userID
        row.changedByLabel = actor.label
        try await row.create(on: database)
    }

    func markLinksSuspect(_ artifactID: UUID, triggerHash: String) async throws {
        try await ArtifactLink.query(on: database).filter(\.$sourceID == artifactID)
            .filter(\.$sourceHashAtReview != triggerHash).filter(\.$suspect == false)
            .set(\.$suspect, to: true).update()
        try await ArtifactLink.query(on: database).filter(\.$targetID == artifactID)
            .filter(\.$targetHashAtReview != triggerHash).filter(\.$suspect == false)
            .set(\.$suspect, to: true).update()
    }

    /// A path `from` → … → `to` over links of `kind` (breadth first, so the shortest), or nil.
    func path(kind: String, from start: UUID, to goal: UUID) async throws -> [UUID]? {
        var parent: [UUID: UUID] = [:]
        var seen: Set<UUID> = [start]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [UUID] = []
            for chunk in stride(from: 0, to: frontier.count, by: 500).map({ Array(frontier[$0..<min($0 + 500, frontier.count)]) }) {
                let links = try await ArtifactLink.query(on: database).filter(\.$kind == kind)
                    .filter(\.$sourceID ~~ chunk).all()
                for link in links where !seen.contains(link.targetID) {
                    seen.insert(link.targetID)
                    parent[link.targetID] = link.sourceID
                    if link.targetID == goal {
                        var path = [goal]
                        while let step = parent[path[0]] { path.insert(step, at: 0) }
                        return path
                    }
                    next.append(link.targetID)
                }
            }
            frontier = next
        }
        return nil
    }

    func keys(of ids: [UUID]) async throws -> [String] {
        let rows = try await Artifact.query(on: database).filter(\.$id ~~ ids).all()
        let byID = Dictionary(rows.compactMap { row in row.id.map { ($0, row.key) } }, uniquingKeysWith: { a, _ in a })
        return ids.map { byID[$0] ?? "?" }
    }

    func resolveKey(_ given: String?, pattern: KeyPattern) async throws -> String {
        if let given {
            guard ArtifactKey.isValid(given) else {
                throw ArtifactRefusal(field: "key", "“\(given)” is not a valid key: use letters, digits, - _ . (at most 64)")
            }
            guard try await Artifact.query(on: database).filter(\.$projectID == projectID).filter(\.$key == given).first() == nil
            else { throw ArtifactRefusal(.conflict, field: "key", "\(given) is already used in this project") }
            if let number = pattern.number(of: given) {
                try await ArtifactKeyCounter.raise(projectID: projectID, prefix: pattern.prefix, to: number, on: database)
            }
            return given
        }
        // A number can be taken by an explicit key in another width ("REQ-7" against "REQ-###"): skip it.
        while true {
            let number = try await ArtifactKeyCounter.next(projectID: projectID, prefix: pattern.prefix, on: database)
            let key = pattern.key(number)
            if try await Artifact.query(on: database).filter(\.$projectID == projectID).filter(\.$key == key).first() == nil {
                return key
            }
        }
    }

    static func checkedTitle(_ title: String) throws -> String {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 500 else {
            throw ArtifactRefusal(field: "title", "the title must be 1–500 characters")
        }
        return trimmed
    }

    static func snapshot(title: String, fields: ArtifactFields) -> ArtifactFields {
        var snapshot = fields
        snapshot["title"] = .string(title)
        return snapshot
    }

    /// Field values for the audit trail, shortened: the version row keeps the full text.
    static func summary(_ fields: ArtifactFields, fields names: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: names.prefix(40).map { name in
            let text = fields[name].displayText
            return (name, text.count > 200 ? String(text.prefix(199)) + "…" : text)
        })
    }
}
