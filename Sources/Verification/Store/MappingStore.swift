import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The saved name patterns of CI ingestion (leads).
public enum MappingStore {
    /// Replaces the project's patterns with `entries` (pattern, case key), in order.
    public static func replace(_ context: ArtifactContext, _ entries: [(pattern: String, caseKey: String)]) async throws {
        try context.requireRole(.lead, to: "change how CI results map to cases")
        try await context.write { writer in
            let db = writer.database
            var errors: [ProblemDetails.FieldError] = []
            var rows: [JUnitMapping] = []
            for (index, entry) in entries.enumerated() {
                let pattern = entry.pattern.trimmingCharacters(in: .whitespaces)
                let key = entry.caseKey.trimmingCharacters(in: .whitespaces)
                if pattern.isEmpty || pattern.count > 500 {
                    errors.append(.init(field: "mappings", reason: "line \(index + 1): the pattern must be 1–500 characters"))
                    continue
                }
                guard let found = try await VerificationQueries.live(key: key, kind: VerificationKinds.testCase.id, projectID: context.projectID, on: db) else {
                    errors.append(.init(field: "mappings", reason: "line \(index + 1): no test case of this project has the key \(key.isEmpty ? "“”" : key)"))
                    continue
                }
                let row = JUnitMapping()
                row.projectID = context.projectID
                row.position = index + 1
                row.pattern = pattern
                row.caseID = found.id
                rows.append(row)
            }
            guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
            try await JUnitMapping.query(on: db).filter(\.$projectID == context.projectID).delete()
            for row in rows { try await row.create(on: db) }
            try await AuditLog.record(AuditEvent("verification.mappings-changed", kind: "junit-mapping", project: context.projectID,
                                                 after: ["mappings": entries.map { "\($0.pattern) → \($0.caseKey)" }.joined(separator: "; ")]),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    public static func all(projectID: UUID, on db: any Database) async throws -> [(pattern: String, caseKey: String)] {
        let rows = try await JUnitMapping.query(on: db).filter(\.$projectID == projectID).sort(\.$position).all()
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ rows.map(\.caseID)).all()
        let keys = Dictionary(artifacts.map { ($0.id!, $0.key) }, uniquingKeysWith: { a, _ in a })
        return rows.map { ($0.pattern, keys[$0.caseID] ?? "?") }
    }
}
