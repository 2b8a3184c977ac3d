import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// Many artifacts or links in one go, for importers that bring thousands (CI ingestion's automated cases): the same
/// rows, checks and audit entries as `create` and `link`, written in batched statements instead of twenty round
/// trips each.
extension ArtifactWriter {
    /// Creates artifacts of one kind with generated keys (`keyPattern`, else the kind's), in the order given;
    /// `ids`, when given, are theirs (one per item: an importer that places children under new items fixes the ids
    /// before it creates them).
    public func createMany(kind kindID: String, _ items: [(title: String, fields: ArtifactFields)], keyPattern: KeyPattern? = nil,
                           ids: [UUID]? = nil) async throws -> [Artifact]
    {
        guard !items.isEmpty else { return [] }
        if let ids, ids.count != items.count { throw Abort(.internalServerError, reason: "createMany needs one id per item.") }
        guard let kind = registry.kind(kindID) else { throw Abort(.internalServerError, reason: "Unknown artifact kind \(kindID).") }
        let triggers = try await triggerFields(of: kind)
        let keys = try await reserveKeys(items.count, pattern: keyPattern ?? kind.defaultKeyPattern)
        var artifacts: [Artifact] = []
        var snapshots: [ArtifactFields] = []
        for (index, item) in items.enumerated() {
            let title = try Self.checkedTitle(item.title)
            let snapshot = Self.snapshot(title: title, fields: item.fields)
            let artifact = Artifact()
            artifact.id = ids?[index] ?? UUID()
            artifact.projectID = projectID
            artifact.kind = kind.id
            artifact.key = keys[index]
            artifact.title = title
            artifact.version = 1
            artifact.contentHash = snapshot.hash()
            artifact.triggerHash = snapshot.hash(of: triggers)
            artifact.triggerRevision = revision
            artifact.createdAt = now
            artifact.createdBy = actor.userID
            artifact.updatedAt = now
            artifact.updatedBy = actor.userID
            artifacts.append(artifact)
            snapshots.append(snapshot)
        }
        let sql = database as! any SQLDatabase
        for start in stride(from: 0, to: artifacts.count, by: 200) {
            let range = start..<min(start + 200, artifacts.count)
            let rows = sql.insert(into: Artifact.schema).columns(
                "id", "version", "created_at", "created_by", "updated_at", "updated_by", "project_id", "kind", "key", "title",
                "content_hash", "trigger_hash", "trigger_revision")
            let versions = sql.insert(into: ArtifactVersion.schema).columns(
                "id", "artifact_id", "version", "project_id", "revision", "change", "title", "content", "content_hash", "trigger_hash",
                "changed_at", "changed_by", "changed_by_label")
            for index in range {
                let a = artifacts[index]
                rows.values(SQLBind(a.id!), SQLBind(1), SQLBind(now), SQLBind(actor.userID), SQLBind(now), SQLBind(actor.userID), SQLBind(projectID),
                            SQLBind(a.kind), SQLBind(a.key), SQLBind(a.title), SQLBind(a.contentHash), SQLBind(a.triggerHash), SQLBind(revision))
                versions.values(SQLBind(UUID()), SQLBind(a.id!), SQLBind(1), SQLBind(projectID), SQLBind(revision),
                                SQLBind(ArtifactVersion.Change.created.rawValue), SQLBind(a.title), SQLBind(snapshots[index].canonicalJSON()),
                                SQLBind(a.contentHash), SQLBind(a.triggerHash), SQLBind(now), SQLBind(actor.userID), SQLBind(actor.label))
            }
            try await rows.run()
            try await versions.run()
        }
        try await AuditLog.record(artifacts.indices.map { index in
            AuditEvent("artifact.created", kind: kind.id, id: artifacts[index].id?.uuidString.lowercased(), key: artifacts[index].key,
                       project: projectID, after: Self.summary(snapshots[index], fields: snapshots[index].fieldNames))
        }, by: actor, on: database, at: now)
        return artifacts
    }

    /// Links each (source, target) pair with `kind`, under the same rules as `link` (live ends in this project, an
    /// allowed pair, no link twice, no cycle where the kind refuses them), all checked before any is written.
    @discardableResult
    public func linkMany(_ kindID: String, _ pairs: [(source: UUID, target: UUID)]) async throws -> [ArtifactLink] {
        guard !pairs.isEmpty else { return [] }
        guard let kind = registry.linkKind(kindID) else { throw ArtifactRefusal(field: "kind", "there is no link kind “\(kindID)”") }
        // Cycles are looked for in the kind's links of the project, read once, with each new pair added in turn —
        // `link` searches the database a level at a time for every link.
        var graph = kind.acyclic ? try await LinkGraph(kind: kind.id, projectID: projectID, on: database) : nil
        let ends = try await linkEnds(Array(Set(pairs.flatMap { [$0.source, $0.target] })))
        var existing: Set<[UUID]> = []
        let sources = Array(Set(pairs.map(\.source)))
        for start in stride(from: 0, to: sources.count, by: 500) {
            for link in try await ArtifactLink.query(on: database).filter(\.$kind == kind.id)
                .filter(\.$sourceID ~~ Array(sources[start..<min(start + 500, sources.count)])).all()
            {
                existing.insert([link.sourceID, link.targetID])
            }
        }
        var links: [ArtifactLink] = []
        for pair in pairs {
            guard pair.source != pair.target else { throw ArtifactRefusal(field: "target", "an artifact cannot link to itself") }
            guard let source = ends[pair.source] else { throw ArtifactRefusal(field: "source", "there is no such artifact in this project") }
            guard let target = ends[pair.target] else { throw ArtifactRefusal(field: "target", "there is no such artifact in this project") }
            guard kind.allows(source: source.kind, target: target.kind) else {
                throw ArtifactRefusal(field: "kind", "a \(kind.id) link cannot go from a \(source.kind) to a \(target.kind)")
            }
            guard existing.insert([pair.source, pair.target]).inserted else {
                throw ArtifactRefusal(.conflict, field: "target", "\(source.key) already \(kind.label) \(target.key)")
            }
            if let cycle = graph?.path(from: pair.target, to: pair.source) {
                let keys = try await keys(of: cycle + [pair.target])
                throw ArtifactRefusal(field: "target", "this \(kind.id) link would close a cycle: \(keys.joined(separator: " → "))")
            }
            graph?.add(pair.source, pair.target)
            links.append(newLink(kind.id, from: (pair.source, source.triggerHash), to: (pair.target, target.triggerHash)))
        }
        let sql = database as! any SQLDatabase
        for start in stride(from: 0, to: links.count, by: 300) {
            let rows = sql.insert(into: ArtifactLink.schema).columns(
                "id", "version", "created_at", "created_by", "project_id", "kind", "source_id", "target_id", "source_hash_at_review",
                "target_hash_at_review", "suspect")
            for link in links[start..<min(start + 300, links.count)] {
                rows.values(SQLBind(link.id!), SQLBind(1), SQLBind(now), SQLBind(actor.userID), SQLBind(projectID), SQLBind(kind.id),
                            SQLBind(link.sourceID), SQLBind(link.targetID), SQLBind(link.sourceHashAtReview), SQLBind(link.targetHashAtReview),
                            SQLBind(false))
            }
            try await rows.run()
        }
        try await AuditLog.record(links.map { link in
            AuditEvent("link.created", kind: "link", id: link.id?.uuidString.lowercased(),
                       key: "\(ends[link.sourceID]!.key) \(kind.id) \(ends[link.targetID]!.key)", project: projectID)
        }, by: actor, on: database, at: now)
        return links
    }

    /// What a link checks and records of its ends: the live artifacts of this project among `ids`, read as plain
    /// values (a Fluent model for each end of 50k links was a large import's biggest allocation).
    private func linkEnds(_ ids: [UUID]) async throws -> [UUID: (kind: String, key: String, triggerHash: String)] {
        let rows = try await RowStream.map(
            "SELECT id, kind, key, trigger_hash FROM artifacts WHERE project_id = $1 AND deleted_at IS NULL AND id IN ($ids)",
            [.uuid(projectID)], ids: ids, on: database
        ) { row in (try row.uuid(0), (kind: try row.string(1), key: try row.string(2), triggerHash: try row.string(3))) }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }

    /// `count` new keys of `pattern`, reserved at once; a number already taken by an explicit key in another width
    /// ("REQ-7" against "REQ-###") is replaced by the next free one, as `create` does.
    func reserveKeys(_ count: Int, pattern: KeyPattern) async throws -> [String] {
        let last = try await ArtifactKeyCounter.reserve(projectID: projectID, prefix: pattern.prefix, count: count, on: database)
        var keys = (last - count + 1...last).map(pattern.key)
        var taken: Set<String> = []
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            taken.formUnion(try await Artifact.query(on: database).filter(\.$projectID == projectID).filter(\.$key ~~ chunk).all().map(\.key))
        }
        for index in keys.indices where taken.contains(keys[index]) { keys[index] = try await resolveKey(nil, pattern: pattern) }
        return keys
    }
}
