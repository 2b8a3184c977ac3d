import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Coverage snapshots: freeze every in-scope requirement's status, and compare two.
public enum Snapshots {
    @discardableResult
    public static func take(_ context: ArtifactContext, name: String, planID: UUID? = nil) async throws -> CoverageSnapshot {
        try context.requireRole(.editor, to: "take coverage snapshots")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw FieldsInvalid(field: "name", "the snapshot needs a name of 1–200 characters") }
        return try await context.write { writer in
            let db = writer.database
            var filter = RVTM.Filter()
            if let planID { filter = VerificationQueries.filter(of: try await PlanStore.find(planID, context, on: db)) }
            let rvtm = try await RVTM.build(projectID: context.projectID, filter: filter, on: db)
            let snapshot = CoverageSnapshot()
            snapshot.id = UUID()
            snapshot.projectID = context.projectID
            snapshot.planID = planID
            snapshot.name = name
            snapshot.revision = writer.revision
            snapshot.takenAt = context.now
            snapshot.takenBy = context.actor.label
            try await snapshot.create(on: db)
            for row in rvtm.rows {
                let entry = CoverageSnapshotRow()
                entry.snapshotID = snapshot.id!
                entry.requirementID = row.requirement.id
                entry.requirementKey = row.requirement.key
                entry.module = row.requirement.module
                entry.status = row.coverage.rawValue
                entry.cases = row.cells.count
                try await entry.create(on: db)
            }
            try await AuditLog.record(AuditEvent("coverage-snapshot.taken", kind: "coverage-snapshot", id: snapshot.id?.uuidString, key: name,
                                                 project: context.projectID, after: ["requirements": String(rvtm.rows.count),
                                                                                     "verified": String(rvtm.count(.verified))]),
                                      by: context.actor, on: db, at: context.now)
            return snapshot
        }
    }

    public struct Change: Sendable, Equatable {
        public let key: String
        public let module: String
        /// nil: not in that snapshot.
        public let before: String?
        public let after: String?
        public var becameStale: Bool { after == VerificationStatus.Coverage.stale.rawValue && before != after }
    }

    /// What changed status from `older` to `newer` (requirements added or dropped count as changes), by key.
    public static func compare(_ older: UUID, _ newer: UUID, projectID: UUID, on db: any Database) async throws -> [Change] {
        func rows(_ id: UUID) async throws -> [UUID: CoverageSnapshotRow] {
            guard try await CoverageSnapshot.query(on: db).filter(\.$id == id).filter(\.$projectID == projectID).first() != nil
            else { throw Abort(.notFound, reason: "There is no such coverage snapshot in this project.") }
            return Dictionary(try await CoverageSnapshotRow.query(on: db).filter(\.$snapshotID == id).all().map { ($0.requirementID, $0) },
                              uniquingKeysWith: { a, _ in a })
        }
        let (a, b) = (try await rows(older), try await rows(newer))
        var changes: [Change] = []
        for id in Set(a.keys).union(b.keys) {
            let before = a[id], after = b[id]
            guard before?.status != after?.status else { continue }
            changes.append(Change(key: (after ?? before)!.requirementKey, module: (after ?? before)!.module, before: before?.status, after: after?.status))
        }
        return changes.sorted { ($0.module, $0.key) < ($1.module, $1.key) }
    }

    /// Status counts per snapshot, oldest first (the trend).
    public static func trend(projectID: UUID, planID: UUID? = nil, on db: any Database) async throws
        -> [(snapshot: CoverageSnapshot, counts: [VerificationStatus.Coverage: Int])]
    {
        var query = CoverageSnapshot.query(on: db).filter(\.$projectID == projectID)
        if let planID { query = query.filter(\.$planID == planID) }
        let snapshots = try await query.sort(\.$takenAt).sort(\.$revision).all()
        var result: [(CoverageSnapshot, [VerificationStatus.Coverage: Int])] = []
        for snapshot in snapshots {
            var counts: [VerificationStatus.Coverage: Int] = [:]
            for row in try await CoverageSnapshotRow.query(on: db).filter(\.$snapshotID == snapshot.id!).all() {
                if let status = VerificationStatus.Coverage(rawValue: row.status) { counts[status, default: 0] += 1 }
            }
            result.append((snapshot, counts))
        }
        return result
    }
}
