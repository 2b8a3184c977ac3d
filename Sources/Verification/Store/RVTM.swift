import Fluent
import Foundation

/// The requirements verification traceability matrix: each requirement with the cases verifying it, every cell the
/// status of that case's latest result for that requirement, and the requirement's coverage over its cells.
public struct RVTM: Sendable {
    public struct Filter: Sendable, Equatable {
        public var modules: [String] = []
        public var words: [String] = []
        public var statuses: Set<VerificationStatus.Coverage> = []
        public var method: TestCase.Method?
        public init(modules: [String] = [], words: [String] = [], statuses: Set<VerificationStatus.Coverage> = [], method: TestCase.Method? = nil) {
            self.modules = modules
            self.words = words
            self.statuses = statuses
            self.method = method
        }
    }

    public struct Cell: Sendable {
        public let caseID: UUID
        public let caseKey: String
        public let caseTitle: String
        public let method: TestCase.Method
        public let status: VerificationStatus.Cell
        public let result: VerificationQueries.LatestResult?
    }

    public struct Row: Sendable {
        public let requirement: VerificationQueries.RequirementRow
        public let coverage: VerificationStatus.Coverage
        public let cells: [Cell]
    }

    public let rows: [Row]
    /// Live, unretired cases that verify no requirement (in the whole project, whatever the filter).
    public let casesWithoutRequirements: [VerificationQueries.CaseRow]
    public let latest: [UUID: VerificationQueries.LatestResult]

    public func count(_ coverage: VerificationStatus.Coverage) -> Int { rows.reduce(0) { $0 + ($1.coverage == coverage ? 1 : 0) } }

    public static func build(projectID: UUID, filter: Filter = .init(), on db: any Database) async throws -> RVTM {
        // Four independent reads: on PostgreSQL they run on four pooled connections at once.
        async let requirementRows = VerificationQueries.requirements(projectID: projectID, modules: filter.modules, words: filter.words, on: db)
        async let caseRows = VerificationQueries.cases(projectID: projectID, on: db)
        async let links = VerificationQueries.verifies(projectID: projectID, on: db)
        async let results = VerificationQueries.latestResults(projectID: projectID, on: db)
        let (requirements, allCases, verifies, latest) = try await (requirementRows, caseRows, links, results)
        let cases = allCases.filter { $0.status != .retired }
        var casesByRequirement: [UUID: [VerificationQueries.CaseRow]] = [:]
        var withoutRequirements: [VerificationQueries.CaseRow] = []
        for row in cases {
            let targets = verifies[row.id] ?? []
            if targets.isEmpty { withoutRequirements.append(row) }
            for target in targets { casesByRequirement[target, default: []].append(row) }
        }
        var rows: [Row] = []
        rows.reserveCapacity(requirements.count)
        for requirement in requirements {
            var cells: [Cell] = []
            for row in casesByRequirement[requirement.id] ?? [] where filter.method == nil || row.method == filter.method {
                let result = latest[row.id]
                let status = VerificationStatus.cell(outcome: result?.outcome, resultRevision: result?.revision ?? 0,
                                                     caseChanged: row.triggerRevision, requirementChanged: requirement.triggerRevision)
                cells.append(Cell(caseID: row.id, caseKey: row.key, caseTitle: row.title, method: row.method, status: status, result: result))
            }
            let coverage = VerificationStatus.coverage(cells.map(\.status))
            if !filter.statuses.isEmpty, !filter.statuses.contains(coverage) { continue }
            rows.append(Row(requirement: requirement, coverage: coverage, cells: cells))
        }
        return RVTM(rows: rows, casesWithoutRequirements: withoutRequirements, latest: latest)
    }
}
