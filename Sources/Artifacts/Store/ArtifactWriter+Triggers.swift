import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// Which fields of a kind turn the links at its artifacts suspect, per project.
extension ArtifactWriter {
    /// The project's trigger fields of `kind`: its own choice, or the kind's default.
    public func triggerFields(of kind: ArtifactKind) async throws -> [String] {
        if let cached = triggerFieldCache[kind.id] { return cached }
        let setting = try await TriggerFieldSetting.query(on: database).filter(\.$projectID == projectID)
            .filter(\.$kind == kind.id).first()
        let fields = setting?.fieldList ?? kind.triggerFields
        triggerFieldCache[kind.id] = fields
        return fields
    }

    /// Chooses the trigger fields of `kind` in this project (the kind's default again when `fields` equals it).
    ///
    /// The stored trigger hashes are recomputed from each live artifact's current version, and every link that
    /// is not suspect is re-baselined to them: a new definition of "what matters" is not a change of content,
    /// so it turns nothing suspect. Links that were suspect stay suspect until someone clears them.
    public func setTriggerFields(of kindID: String, to requested: [String]) async throws {
        guard let kind = registry.kind(kindID) else { throw ArtifactRefusal(.notFound, field: "kind", "there is no artifact kind \(kindID)") }
        var fields: [String] = []
        for field in requested.map({ $0.trimmingCharacters(in: .whitespaces) }) where !field.isEmpty && !fields.contains(field) {
            fields.append(field)
        }
        if fields.isEmpty { throw ArtifactRefusal(field: "fields", "choose at least one trigger field") }
        let problems = fields.compactMap(kind.triggerFieldProblem)
        if !problems.isEmpty { throw ArtifactRefusal(field: "fields", problems.joined(separator: "; ")) }
        let before = try await triggerFields(of: kind)
        guard Set(before) != Set(fields) else { return }

        let existing = try await TriggerFieldSetting.query(on: database).filter(\.$projectID == projectID).filter(\.$kind == kind.id).first()
        if Set(fields) == Set(kind.triggerFields) {
            try await existing?.delete(on: database)
        } else {
            let setting = existing ?? TriggerFieldSetting()
            if setting.id == nil {
                setting.id = UUID()
                setting.projectID = projectID
                setting.kind = kind.id
            }
            setting.fields = fields.joined(separator: "\n")
            setting.updatedAt = now
            try await setting.save(on: database)
        }
        triggerFieldCache[kind.id] = fields
        let rehashed = try await rehash(kind: kind.id, fields: fields)
        try await AuditLog.record(
            AuditEvent("artifact-kind.trigger-fields-changed", kind: "artifact-kind", key: kind.id, project: projectID,
                       before: ["fields": before.joined(separator: ", ")], after: ["fields": fields.joined(separator: ", ")],
                       note: "\(rehashed) artifacts re-hashed; links re-baselined, none turned suspect"),
            by: actor, on: database, at: now)
    }

    /// New trigger hashes for every live artifact of `kind`, then the non-suspect links at them re-baselined.
    private func rehash(kind: String, fields: [String]) async throws -> Int {
        let sql = database as! any SQLDatabase
        struct Row: Decodable {
            let id: UUID
            let content: String
            let trigger_hash: String
        }
        let rows = try await sql.raw("""
            SELECT a.id, v.content, a.trigger_hash FROM artifacts a
            JOIN artifact_versions v ON v.artifact_id = a.id AND v.version = a.version
            WHERE a.project_id = \(bind: projectID) AND a.kind = \(bind: kind) AND a.deleted_at IS NULL
            """).all(decoding: Row.self)
        let decoder = JSONDecoder()
        var changed = 0
        for row in rows {
            let snapshot = try decoder.decode(ArtifactFields.self, from: Data(row.content.utf8))
            let hash = snapshot.hash(of: fields)
            guard hash != row.trigger_hash else { continue }
            try await sql.update(Artifact.schema).set("trigger_hash", to: hash).where("id", .equal, row.id).run()
            changed += 1
        }
        // Re-baseline both ends of every link that was in sync; the subqueries read the hashes just written.
        try await sql.raw("""
            UPDATE artifact_links SET
              source_hash_at_review = (SELECT a.trigger_hash FROM artifacts a WHERE a.id = artifact_links.source_id),
              target_hash_at_review = (SELECT a.trigger_hash FROM artifacts a WHERE a.id = artifact_links.target_id)
            WHERE project_id = \(bind: projectID) AND suspect = \(bind: false)
              AND (source_id IN (SELECT id FROM artifacts WHERE project_id = \(bind: projectID) AND kind = \(bind: kind))
                OR target_id IN (SELECT id FROM artifacts WHERE project_id = \(bind: projectID) AND kind = \(bind: kind)))
            """).run()
        return changed
    }
}
