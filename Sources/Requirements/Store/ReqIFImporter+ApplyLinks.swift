import Artifacts
import Fluent
import Foundation
import SQLKit

extension ReqIFApplyRun {
    // MARK: links

    /// Links for the file's relations: kept where a relation's link (or one of its type between the same objects)
    /// exists, else created a link kind at a time (`ArtifactWriter.linkMany`). What exists is read in a few
    /// queries, not two per relation.
    mutating func links() async throws {
        struct Pending {
            let relation: ReqIFImportPlan.Relation
            let source: UUID
            let target: UUID
            let detail: String
            var key: String { [relation.linkKind, source.uuidString, target.uuidString].joined(separator: "\u{1F}") }
        }
        var resolved: [Pending] = []
        for relation in plan.relations {
            let detail = [relation.typeName, relation.source, relation.target].joined(separator: "\u{1F}")
            guard relation.resolvable, let source = artifactIDs[relation.source] ?? comparison.identity(.object, relation.source)?.targetID,
                let target = artifactIDs[relation.target] ?? comparison.identity(.object, relation.target)?.targetID
            else {
                identities.append((.relation, relation.identifier, nil, nil, detail))
                continue
            }
            resolved.append(Pending(relation: relation, source: source, target: target, detail: detail))
        }
        let known = try await liveLinks(resolved.compactMap { comparison.identity(.relation, $0.relation.identifier)?.targetID })
        let between = try await linksBetween(sources: resolved.map(\.source), kinds: Set(resolved.map(\.relation.linkKind)))
        var batches: [String: [Pending]] = [:]
        var kindOrder: [String] = []
        var sharing: [Pending] = []
        var pendingKeys: Set<String> = []
        for entry in resolved {
            if let id = comparison.identity(.relation, entry.relation.identifier)?.targetID, known.contains(id) {
                identities.append((.relation, entry.relation.identifier, id, nil, entry.detail))
            } else if let same = between[entry.key] {
                // Two relations of one type between the same objects are one link in SESA; both identities keep it.
                identities.append((.relation, entry.relation.identifier, same, nil, entry.detail))
            } else if !pendingKeys.insert(entry.key).inserted {
                sharing.append(entry)
            } else {
                if batches[entry.relation.linkKind] == nil { kindOrder.append(entry.relation.linkKind) }
                batches[entry.relation.linkKind, default: []].append(entry)
            }
        }
        var made: [String: UUID] = [:]
        for kind in kindOrder {
            let batch = batches[kind] ?? []
            // A refusal here wrote nothing: the links are then made one at a time, which names the relation.
            do {
                let links = try await writer.linkMany(kind, batch.map { ($0.source, $0.target) })
                for (entry, link) in zip(batch, links) {
                    made[entry.key] = link.id
                    identities.append((.relation, entry.relation.identifier, link.id, nil, entry.detail))
                }
                continue
            } catch is ArtifactRefusal {}
            for entry in batch {
                do {
                    let link = try await writer.link(kind, from: entry.source, to: entry.target)
                    made[entry.key] = link.id
                    identities.append((.relation, entry.relation.identifier, link.id, nil, entry.detail))
                } catch let refusal as ArtifactRefusal {
                    throw RequirementInvalid(field: "relation", "SPEC-RELATION \(entry.relation.identifier) (\(entry.relation.typeName)): \(refusal.reason)")
                }
            }
        }
        for entry in sharing { identities.append((.relation, entry.relation.identifier, made[entry.key], nil, entry.detail)) }
    }

    /// Which of `ids` are links that exist.
    private func liveLinks(_ ids: [UUID]) async throws -> Set<UUID> {
        var live: Set<UUID> = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            live.formUnion(try await ArtifactLink.query(on: db).filter(\.$id ~~ chunk).all().compactMap(\.id))
        }
        return live
    }

    /// The links of `kinds` from `sources`, by kind, source and target.
    private func linksBetween(sources: [UUID], kinds: Set<String>) async throws -> [String: UUID] {
        var links: [String: UUID] = [:]
        let sources = Array(Set(sources))
        guard !kinds.isEmpty else { return links }
        for start in stride(from: 0, to: sources.count, by: 500) {
            let chunk = Array(sources[start..<min(start + 500, sources.count)])
            for link in try await ArtifactLink.query(on: db).filter(\.$kind ~~ Array(kinds)).filter(\.$sourceID ~~ chunk).all() {
                let key = [link.kind, link.sourceID.uuidString, link.targetID.uuidString].joined(separator: "\u{1F}")
                if links[key] == nil { links[key] = link.id }
            }
        }
        return links
    }

    // MARK: identities

    func saveIdentities() async throws {
        // The new ones as plain values, made into models 500 at a time: a file's identities are a few per object.
        var rows: [(ReqIFIdentity.Role, String, UUID?, UUID?, String)] = []
        // Repeats (a hierarchy entry listed twice) are entered once. A set, not a scan of `rows`: every identity
        // of the file passes here, and reading a model's fields goes through Fluent's reflection (a scan made a
        // 10k-object import quadratic — most of its two minutes).
        var entered: Set<String> = []
        for (role, identifier, target, module, detail) in identities {
            if let row = comparison.identity(role, identifier) {
                if row.targetID != target || row.moduleID != module || row.detail != detail {
                    try await (db as! any SQLDatabase).update(ReqIFIdentity.schema)
                        .set("target_id", to: SQLBind(target)).set("module_id", to: SQLBind(module))
                        .set("detail", to: SQLBind(detail)).set("updated_at", to: SQLBind(context.now))
                        .where("id", .equal, SQLBind(row.id)).run()
                }
            } else if entered.insert(role.rawValue + "\u{1F}" + identifier).inserted {
                rows.append((role, identifier, target, module, detail))
            }
        }
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            try await rows[chunk..<min(chunk + 500, rows.count)].map { role, identifier, target, module, detail in
                ReqIFIdentity(projectID: context.projectID, role: role, identifier: identifier, targetID: target, moduleID: module,
                              detail: detail, at: context.now)
            }.create(on: db)
        }
    }
}
