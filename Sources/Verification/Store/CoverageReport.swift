import Fluent
import Foundation

/// The coverage dashboard's numbers: status counts per module and in all, the gap lists, and the trend.
public struct CoverageReport: Sendable {
    public let rvtm: RVTM
    public let modules: [(module: String, counts: [VerificationStatus.Coverage: Int])]
    public let totals: [VerificationStatus.Coverage: Int]
    public let requirementsWithoutCases: [VerificationQueries.RequirementRow]
    public let failedWithoutDefect: [RunQueries.FailedWithoutDefect]

    public static func load(projectID: UUID, on db: any Database) async throws -> CoverageReport {
        let rvtm = try await RVTM.build(projectID: projectID, on: db)
        var modules: [(String, [VerificationStatus.Coverage: Int])] = []
        var totals: [VerificationStatus.Coverage: Int] = [:]
        for row in rvtm.rows {
            if modules.last?.0 != row.requirement.module { modules.append((row.requirement.module, [:])) }
            modules[modules.count - 1].1[row.coverage, default: 0] += 1
            totals[row.coverage, default: 0] += 1
        }
        return CoverageReport(rvtm: rvtm, modules: modules, totals: totals,
                              requirementsWithoutCases: rvtm.rows.filter { $0.cells.isEmpty }.map(\.requirement),
                              failedWithoutDefect: try await RunQueries.failedWithoutDefect(rvtm, projectID: projectID, on: db))
    }
}
