import Artifacts
import Fluent
import Foundation
import Platform

/// What the run pages, reports and API read about runs.
public enum RunQueries {
    public struct ResultRow: Sendable {
        public let result: TestResult
        public let caseKey: String?
        public let caseTitle: String?
        public let evidence: [TestEvidence]
        public let defects: [String]
    }

    public struct Detail: Sendable {
        public let run: TestRun
        public let setKey: String?
        public let caseKey: String?
        /// Matched results in case-key order, then the unmatched ones.
        public let results: [ResultRow]
        /// Evidence of the run as a whole (the CI reports among it).
        public let evidence: [TestEvidence]

        public var matched: [ResultRow] { results.filter { $0.result.caseID != nil } }
        public var unmatched: [ResultRow] { results.filter { $0.result.caseID == nil } }
        public func count(_ outcome: TestResult.Outcome) -> Int { matched.reduce(0) { $0 + ($1.result.outcome == outcome ? 1 : 0) } }
    }

    public static func runs(projectID: UUID, on db: any Database) async throws -> [TestRun] {
        try await TestRun.query(on: db).filter(\.$projectID == projectID).sort(\.$number, .descending).all()
    }

    public static func run(number: Int, projectID: UUID, on db: any Database) async throws -> TestRun? {
        try await TestRun.query(on: db).filter(\.$projectID == projectID).filter(\.$number == number).first()
    }

    public static func detail(_ run: TestRun, on db: any Database) async throws -> Detail {
        let runID = try run.requireID()
        let results = try await TestResult.query(on: db).filter(\.$runID == runID).all()
        let evidence = try await TestEvidence.query(on: db).filter(\.$runID == runID).sort(\.$uploadedAt).all()
        let defectLinks = results.isEmpty ? [] : try await DefectResult.query(on: db).filter(\.$resultID ~~ results.map { $0.id! }).all()
        var ids = Set(results.compactMap(\.caseID)).union(defectLinks.map(\.defectID))
        if let set = run.setID { ids.insert(set) }
        if let single = run.caseID { ids.insert(single) }
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let byID = Dictionary(artifacts.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = results.map { result in
            ResultRow(result: result, caseKey: result.caseID.flatMap { byID[$0]?.key }, caseTitle: result.caseID.flatMap { byID[$0]?.title },
                      evidence: evidence.filter { $0.resultID == result.id },
                      defects: defectLinks.filter { $0.resultID == result.id }.compactMap { byID[$0.defectID]?.key }.sorted())
        }.sorted { ($0.caseKey ?? "~" + $0.result.testName, $0.result.recordedAt) < ($1.caseKey ?? "~" + $1.result.testName, $1.result.recordedAt) }
        return Detail(run: run, setKey: run.setID.flatMap { byID[$0]?.key }, caseKey: run.caseID.flatMap { byID[$0]?.key }, results: rows,
                      evidence: evidence.filter { $0.resultID == nil })
    }

    /// One evidence file of a run with its bytes, for download.
    public static func evidence(_ id: UUID, runID: UUID, projectID: UUID, on db: any Database) async throws -> (TestEvidence, Blob)? {
        guard let file = try await TestEvidence.query(on: db).filter(\.$id == id).filter(\.$runID == runID).filter(\.$projectID == projectID).first(),
              let blob = try await Blob.find(file.blobID, on: db)
        else { return nil }
        return (file, blob)
    }

    public struct FailedWithoutDefect: Sendable {
        public let caseKey: String
        public let caseTitle: String
        public let runNumber: Int
        public let resultID: UUID
    }

    /// Latest results that failed and that no defect names.
    public static func failedWithoutDefect(_ rvtm: RVTM, projectID: UUID, on db: any Database) async throws -> [FailedWithoutDefect] {
        let failed = rvtm.latest.filter { $0.value.outcome == .fail }
        guard !failed.isEmpty else { return [] }
        var linked: Set<UUID> = []
        let resultIDs = failed.values.map(\.resultID)
        for start in stride(from: 0, to: resultIDs.count, by: 500) {
            let chunk = Array(resultIDs[start..<min(start + 500, resultIDs.count)])
            linked.formUnion(try await DefectResult.query(on: db).filter(\.$resultID ~~ chunk).all().map(\.resultID))
        }
        let cases = try await VerificationQueries.cases(projectID: projectID, on: db)
        let byID = Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let runs = try await TestRun.query(on: db).filter(\.$projectID == projectID).all()
        let numbers = Dictionary(runs.map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        return failed.compactMap { caseID, latest in
            guard !linked.contains(latest.resultID), let row = byID[caseID], row.status != .retired else { return nil }
            return FailedWithoutDefect(caseKey: row.key, caseTitle: row.title, runNumber: numbers[latest.runID] ?? 0, resultID: latest.resultID)
        }.sorted { $0.caseKey < $1.caseKey }
    }
}
