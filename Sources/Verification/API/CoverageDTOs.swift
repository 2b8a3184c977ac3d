import Foundation
import Platform
import Vapor

/// JSON of the RVTM, coverage, gaps, snapshots and CI mappings.
enum CoverageDTOs {
    static let statusCounts = JSONSchema.map(.integer(), description: "Requirements by status: verified, stale, failed, blocked, unverified")

    struct RVTMDTO: Content {
        struct Cell: Content {
            var testCase: String
            var title: String
            var method: String
            var status: String
            var run: Int?
            enum CodingKeys: String, CodingKey { case title, method, status, run; case testCase = "case" }
        }
        struct Row: Content {
            var requirement: String
            var title: String
            var module: String
            var status: String
            var cases: [Cell]
        }
        var rows: [Row]
        var counts: [String: Int]

        init(_ rvtm: RVTM, runNumbers: [UUID: Int]) {
            rows = rvtm.rows.map { row in
                Row(requirement: row.requirement.key, title: row.requirement.title, module: row.requirement.module, status: row.coverage.rawValue,
                    cases: row.cells.map { Cell(testCase: $0.caseKey, title: $0.caseTitle, method: $0.method.rawValue, status: $0.status.rawValue,
                                                run: $0.result.flatMap { runNumbers[$0.runID] }) })
            }
            counts = Dictionary(uniqueKeysWithValues: VerificationStatus.Coverage.allCases.map { ($0.rawValue, rvtm.count($0)) })
        }

        static let schema = JSONSchema.object([
            ("rows", .array(.object([
                ("requirement", .string()), ("title", .string()), ("module", .string()),
                ("status", .string(enumValues: VerificationStatus.Coverage.allCases.map(\.rawValue))),
                ("cases", .array(.object([("case", .string()), ("title", .string()), ("method", .string()),
                                          ("status", .string(enumValues: VerificationStatus.Cell.allCases.map(\.rawValue))),
                                          ("run", .nullable(.integer(description: "Run number of the latest result")))],
                                         required: ["case", "title", "method", "status"]))),
            ], required: ["requirement", "title", "module", "status", "cases"]))),
            ("counts", statusCounts),
        ], required: ["rows", "counts"])
    }

    struct CoverageDTO: Content {
        struct Module: Content { var module: String; var counts: [String: Int] }
        struct Failed: Content {
            var testCase: String
            var run: Int
            var result: UUID
            enum CodingKeys: String, CodingKey { case run, result; case testCase = "case" }
        }
        var modules: [Module]
        var counts: [String: Int]
        var requirementsWithoutCases: [String]
        var casesWithoutRequirements: [String]
        var failedWithoutDefect: [Failed]
        enum CodingKeys: String, CodingKey {
            case modules, counts
            case requirementsWithoutCases = "requirements_without_cases", casesWithoutRequirements = "cases_without_requirements"
            case failedWithoutDefect = "failed_without_defect"
        }

        static let schema = JSONSchema.object([
            ("modules", .array(.object([("module", .string()), ("counts", statusCounts)], required: ["module", "counts"]))),
            ("counts", statusCounts),
            ("requirements_without_cases", .array(.string())), ("cases_without_requirements", .array(.string())),
            ("failed_without_defect", .array(.object([("case", .string()), ("run", .integer()), ("result", .string(format: "uuid"))],
                                                     required: ["case", "run", "result"]))),
        ], required: ["modules", "counts", "requirements_without_cases", "cases_without_requirements", "failed_without_defect"])
    }

    struct SnapshotDTO: Content {
        var id: UUID
        var name: String
        var plan: String?
        var takenAt: Date
        var takenBy: String
        var counts: [String: Int]
        enum CodingKeys: String, CodingKey { case id, name, plan, counts; case takenAt = "taken_at", takenBy = "taken_by" }
        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("name", .string()), ("plan", .nullable(.string())), ("taken_at", .string(format: "date-time")),
            ("taken_by", .string()), ("counts", statusCounts),
        ], required: ["id", "name", "taken_at", "taken_by", "counts"])
    }

    struct SnapshotInput: Content {
        var name: String?
        var plan: String?
        static let schema = JSONSchema.object([("name", .string()), ("plan", .string(description: "A plan's key: its scope only"))], required: ["name"])
    }

    struct CompareDTO: Content {
        struct Change: Content { var requirement: String; var module: String; var before: String?; var after: String? }
        var changes: [Change]
        var becameStale: [String]
        enum CodingKeys: String, CodingKey { case changes; case becameStale = "became_stale" }
        static let schema = JSONSchema.object([
            ("changes", .array(.object([("requirement", .string()), ("module", .string()),
                                        ("before", .nullable(.string(description: "null: not in the older snapshot"))),
                                        ("after", .nullable(.string(description: "null: not in the newer snapshot")))],
                                       required: ["requirement", "module"]))),
            ("became_stale", .array(.string(), description: "Requirements whose evidence went stale in between")),
        ], required: ["changes", "became_stale"])
    }

    struct MappingsDTO: Content {
        struct Mapping: Content {
            var pattern: String
            var testCase: String
            enum CodingKeys: String, CodingKey { case pattern; case testCase = "case" }
        }
        var mappings: [Mapping]
        static let schema = JSONSchema.object([("mappings", .array(.object([("pattern", .string(description: "* any characters, ? one")),
                                                                            ("case", .string())], required: ["pattern", "case"])))],
                                              required: ["mappings"])
    }
}
