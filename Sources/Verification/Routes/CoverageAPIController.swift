import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The JSON API of the RVTM, coverage and gaps, snapshots and CI mappings.
enum CoverageAPIController {
    static func runNumbers(_ projectID: UUID, on db: any Database) async throws -> [UUID: Int] {
        Dictionary(try await TestRun.query(on: db).filter(\.$projectID == projectID).all().map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
    }

    /// `GET …/rvtm[?module=&status=&method=&q=&format=csv|xlsx]`.
    @Sendable static func rvtm(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let rvtm = try await RVTM.build(projectID: access.projectID, filter: try VerificationRequest.filter(request), on: request.db)
        if let format = request.query[String.self, at: "format"], format != "json" {
            return try SheetFile.download(VerificationReports.rvtm(rvtm), format: format, name: "\(access.key)-rvtm", sheet: "RVTM")
        }
        return try await CoverageDTOs.RVTMDTO(rvtm, runNumbers: try await runNumbers(access.projectID, on: request.db)).encodeResponse(for: request)
    }

    @Sendable static func coverage(_ request: Request) async throws -> CoverageDTOs.CoverageDTO {
        let access = try request.requireProject()
        let coverage = try await CoverageReport.load(projectID: access.projectID, on: request.db)
        return .init(modules: coverage.modules.map { .init(module: $0.module, counts: Self.counts($0.counts)) },
                     counts: Self.counts(coverage.totals), requirementsWithoutCases: coverage.requirementsWithoutCases.map(\.key),
                     casesWithoutRequirements: coverage.rvtm.casesWithoutRequirements.map(\.key),
                     failedWithoutDefect: coverage.failedWithoutDefect.map { .init(testCase: $0.caseKey, run: $0.runNumber, result: $0.resultID) })
    }

    static func counts(_ counts: [VerificationStatus.Coverage: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: VerificationStatus.Coverage.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    }

    @Sendable static func snapshots(_ request: Request) async throws -> VerificationAPIController.Items<CoverageDTOs.SnapshotDTO> {
        let access = try request.requireProject()
        let trend = try await Snapshots.trend(projectID: access.projectID, on: request.db)
        let plans = try await Artifact.query(on: request.db).filter(\.$id ~~ trend.compactMap(\.snapshot.planID)).all()
        let keys = Dictionary(plans.map { ($0.id!, $0.key) }, uniquingKeysWith: { a, _ in a })
        return .init(items: trend.map { .init(id: $0.snapshot.id!, name: $0.snapshot.name, plan: $0.snapshot.planID.flatMap { keys[$0] },
                                              takenAt: $0.snapshot.takenAt, takenBy: $0.snapshot.takenBy, counts: counts($0.counts)) })
    }

    @Sendable static func takeSnapshot(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let input = try request.content.decode(CoverageDTOs.SnapshotInput.self)
        var planID: UUID?
        if let key = input.plan, !key.isEmpty {
            guard let plan = try await VerificationQueries.live(key: key, kind: VerificationKinds.plan.id, projectID: access.projectID, on: request.db)
            else { throw FieldsInvalid(field: "plan", "no verification plan of this project has the key \(key)") }
            planID = plan.id
        }
        let snapshot = try await Snapshots.take(try ArtifactContext(request), name: input.name ?? "", planID: planID)
        let rows = try await CoverageSnapshotRow.query(on: request.db).filter(\.$snapshotID == snapshot.id!).all()
        var tally: [VerificationStatus.Coverage: Int] = [:]
        for row in rows { if let status = VerificationStatus.Coverage(rawValue: row.status) { tally[status, default: 0] += 1 } }
        return try await CoverageDTOs.SnapshotDTO(id: snapshot.id!, name: snapshot.name, plan: input.plan, takenAt: snapshot.takenAt,
                                                  takenBy: snapshot.takenBy, counts: counts(tally)).encodeResponse(status: .created, for: request)
    }

    /// `GET …/coverage-snapshots/compare?from=ID&to=ID`.
    @Sendable static func compare(_ request: Request) async throws -> CoverageDTOs.CompareDTO {
        let access = try request.requireProject()
        guard let from = request.query[UUID.self, at: "from"], let to = request.query[UUID.self, at: "to"] else {
            throw FieldsInvalid(field: "from", "give ?from= and ?to=, the ids of the older and the newer snapshot")
        }
        let changes = try await Snapshots.compare(from, to, projectID: access.projectID, on: request.db)
        return .init(changes: changes.map { .init(requirement: $0.key, module: $0.module, before: $0.before, after: $0.after) },
                     becameStale: changes.filter(\.becameStale).map(\.key))
    }

    @Sendable static func mappings(_ request: Request) async throws -> CoverageDTOs.MappingsDTO {
        let access = try request.requireProject()
        return .init(mappings: try await MappingStore.all(projectID: access.projectID, on: request.db).map { .init(pattern: $0.pattern, testCase: $0.caseKey) })
    }

    @Sendable static func saveMappings(_ request: Request) async throws -> CoverageDTOs.MappingsDTO {
        let input = try request.content.decode(CoverageDTOs.MappingsDTO.self)
        try await MappingStore.replace(try ArtifactContext(request), input.mappings.map { ($0.pattern, $0.testCase) })
        return try await mappings(request)
    }
}
