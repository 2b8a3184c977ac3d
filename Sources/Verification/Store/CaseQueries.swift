import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// One case, plan, set or defect with what its page and JSON show.
public enum CaseQueries {
    public struct CaseDetail: Sendable {
        public let artifact: Artifact
        public let row: TestCase
        public let steps: [CaseDraft.Step]
        public let verifies: [(key: String, title: String, suspect: Bool)]
        /// Newest first: run number, outcome, when, stale for any requirement.
        public let history: [(run: Int, outcome: TestResult.Outcome, recordedAt: Date, notes: String)]
        public let status: [(requirement: String, cell: VerificationStatus.Cell)]
    }

    public static func testCase(_ artifact: Artifact, on db: any Database) async throws -> CaseDetail {
        let id = try artifact.requireID()
        guard let row = try await TestCase.find(id, on: db) else { throw Abort(.notFound, reason: "There is no such test case.") }
        let links = try await ArtifactLink.query(on: db).filter(\.$sourceID == id).filter(\.$kind == VerificationKinds.verifies.id).all()
        let targets = try await Artifact.query(on: db).filter(\.$id ~~ links.map(\.targetID)).filter(\.$deletedAt == nil).all()
        let byID = Dictionary(targets.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let verifies = links.compactMap { link in byID[link.targetID].map { ($0.key, $0.title, link.suspect) } }.sorted { $0.0 < $1.0 }
        let results = try await TestResult.query(on: db).filter(\.$caseID == id).sort(\.$revision, .descending).sort(\.$recordedAt, .descending)
            .range(..<50).all()
        let runs = try await TestRun.query(on: db).filter(\.$id ~~ Set(results.map(\.runID)).map { $0 }).all()
        let numbers = Dictionary(runs.map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        var status: [(String, VerificationStatus.Cell)] = []
        let latest = results.first.map { first in results.filter { $0.revision == first.revision }.map(\.outcome).reduce(first.outcome, VerificationStatus.worst) }
        for target in verifies {
            guard let requirement = targets.first(where: { $0.key == target.0 }) else { continue }
            status.append((target.0, VerificationStatus.cell(outcome: latest, resultRevision: results.first?.revision ?? 0,
                                                             caseChanged: artifact.triggerRevision, requirementChanged: requirement.triggerRevision)))
        }
        return CaseDetail(artifact: artifact, row: row, steps: CaseDraft.steps(fromJSON: row.steps), verifies: verifies,
                          history: results.map { (numbers[$0.runID] ?? 0, $0.outcome, $0.recordedAt, $0.notes) }, status: status)
    }

    /// Keys of what an artifact links to with `kind`, sorted.
    public static func targets(of id: UUID, kind: String, on db: any Database) async throws -> [String] {
        let links = try await ArtifactLink.query(on: db).filter(\.$sourceID == id).filter(\.$kind == kind).all()
        return try await Artifact.query(on: db).filter(\.$id ~~ links.map(\.targetID)).filter(\.$deletedAt == nil).all().map(\.key).sorted()
    }
}
