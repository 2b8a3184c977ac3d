import Artifacts
import Foundation
import Platform
import Vapor

/// JSON of runs, results, evidence, defects and CI uploads.
enum RunDTOs {
    struct EvidenceDTO: Content {
        var id: UUID
        var name: String
        var size: Int
        var sha256: String
        var url: String
        static let schema = JSONSchema.object([("id", .string(format: "uuid")), ("name", .string()), ("size", .integer()),
                                               ("sha256", .string()), ("url", .string(description: "Download (members only)"))],
                                              required: ["id", "name", "size", "sha256", "url"])
    }

    struct ResultDTO: Content {
        var id: UUID
        var testCase: String?
        var outcome: String
        var notes: String
        var durationMS: Int?
        var recordedAt: Date
        var recordedBy: String
        var testName: String?
        var reportOutcome: String?
        var unmatchedReason: String?
        var evidence: [EvidenceDTO]
        var defects: [String]
        enum CodingKeys: String, CodingKey {
            case id, outcome, notes, evidence, defects
            case testCase = "case", durationMS = "duration_ms", recordedAt = "recorded_at", recordedBy = "recorded_by", testName = "test_name"
            case reportOutcome = "report_outcome", unmatchedReason = "unmatched_reason"
        }
        static let schema = JSONSchema.object([
            ("id", .string(format: "uuid")), ("case", .nullable(.string(description: "Case key; null for an unmatched CI test"))),
            ("outcome", .string(enumValues: TestResult.Outcome.allCases.map(\.rawValue))), ("notes", .string()),
            ("duration_ms", .nullable(.integer())), ("recorded_at", .string(format: "date-time")), ("recorded_by", .string()),
            ("test_name", .nullable(.string())), ("report_outcome", .nullable(.string(enumValues: ["passed", "failed", "error", "skipped"]))),
            ("unmatched_reason", .nullable(.string())), ("evidence", .array(EvidenceDTO.schema)), ("defects", .array(.string())),
        ], required: ["id", "outcome", "notes", "recorded_at", "recorded_by", "evidence", "defects"])
    }

    struct RunDTO: Content {
        var number: Int
        var name: String
        var title: String
        var set: String?
        var testCase: String?
        var environment: String
        var build: String
        var commit: String
        var source: String
        var status: String
        var executedBy: String
        var startedAt: Date
        var note: String
        var job: String?
        var counts: [String: Int]
        var results: [ResultDTO]
        var unmatched: [ResultDTO]
        var evidence: [EvidenceDTO]
        enum CodingKeys: String, CodingKey {
            case number, name, title, set, environment, build, commit, source, status, note, job, counts, results, unmatched, evidence
            case testCase = "case", executedBy = "executed_by", startedAt = "started_at"
        }

        static let schema = JSONSchema.object([
            ("number", .integer()), ("name", .string(description: "RUN-<number>")), ("title", .string()), ("set", .nullable(.string())),
            ("case", .nullable(.string())), ("environment", .string()), ("build", .string()), ("commit", .string()),
            ("source", .string(enumValues: ["manual", "junit"])), ("status", .string(enumValues: TestRun.Status.allCases.map(\.rawValue))),
            ("executed_by", .string()), ("started_at", .string(format: "date-time")), ("note", .string()),
            ("job", .nullable(.string(description: "The ingestion job's URL"))),
            ("counts", .map(.integer(), description: "Matched results by outcome")), ("results", .array(.ref("TestResult"))),
            ("unmatched", .array(.ref("TestResult"), description: "CI tests that matched no case")), ("evidence", .array(EvidenceDTO.schema)),
        ], required: ["number", "name", "title", "environment", "build", "commit", "source", "status", "executed_by", "started_at", "note",
                      "counts", "results", "unmatched", "evidence"])

        init(_ detail: RunQueries.Detail, project: String) {
            let run = detail.run
            func evidence(_ rows: [TestEvidence]) -> [EvidenceDTO] {
                rows.map { EvidenceDTO(id: $0.id!, name: $0.name, size: $0.size, sha256: $0.sha256,
                                       url: "/api/v1/projects/\(PathSegment.encode(project))/runs/\(run.number)/evidence/\($0.id!.uuidString.lowercased())") }
            }
            func result(_ row: RunQueries.ResultRow) -> ResultDTO {
                let r = row.result
                return ResultDTO(id: r.id!, testCase: row.caseKey, outcome: r.outcome.rawValue, notes: r.notes, durationMS: r.durationMS,
                                 recordedAt: r.recordedAt, recordedBy: r.recordedBy, testName: r.testName.isEmpty ? nil : r.testName,
                                 reportOutcome: r.reportOutcome.isEmpty ? nil : r.reportOutcome,
                                 unmatchedReason: r.unmatchedReason.isEmpty ? nil : r.unmatchedReason, evidence: evidence(row.evidence), defects: row.defects)
            }
            number = run.number
            name = run.name
            title = run.title
            set = detail.setKey
            testCase = detail.caseKey
            environment = run.environment
            build = run.build
            commit = run.commit
            source = run.source.rawValue
            status = run.status.rawValue
            executedBy = run.executedBy
            startedAt = run.startedAt
            note = run.note
            job = run.jobID.map { "/api/v1/jobs/\($0.uuidString.lowercased())" }
            counts = Dictionary(uniqueKeysWithValues: TestResult.Outcome.allCases.map { ($0.rawValue, detail.count($0)) })
            results = detail.matched.map(result)
            unmatched = detail.unmatched.map(result)
            self.evidence = evidence(detail.evidence)
        }
    }

    struct RunInput: Content {
        var title: String?
        var set: String?
        var testCase: String?
        var environment: String?
        var build: String?
        var commit: String?
        var executedBy: String?
        enum CodingKeys: String, CodingKey {
            case title, set, environment, build, commit
            case testCase = "case", executedBy = "executed_by"
        }
        static let schema = JSONSchema.object([
            ("title", .string()), ("set", .string(description: "Test set key")), ("case", .string(description: "Or one case's key")),
            ("environment", .string()), ("build", .string(description: "Build or version under test")), ("commit", .string()),
            ("executed_by", .string(description: "Who ran it (the caller when absent)")),
        ], required: ["title"])
        var draft: RunStore.RunDraft {
            .init(title: title ?? "", set: set ?? "", testCase: testCase ?? "", environment: environment ?? "", build: build ?? "",
                  commit: commit ?? "", executedBy: executedBy ?? "")
        }
    }

    struct ResultsInput: Content {
        struct Entry: Content {
            var testCase: String
            var outcome: String
            var notes: String?
            var durationMS: Int?
            enum CodingKeys: String, CodingKey { case outcome, notes; case testCase = "case", durationMS = "duration_ms" }
        }
        var results: [Entry]
        static let schema = JSONSchema.object([("results", .array(.object([
            ("case", .string()), ("outcome", .string(enumValues: TestResult.Outcome.allCases.map(\.rawValue))), ("notes", .string()),
            ("duration_ms", .integer()),
        ], required: ["case", "outcome"])))], required: ["results"])
        func drafts() throws -> [RunStore.ResultDraft] {
            try results.map {
                .init(testCase: $0.testCase, outcome: try VerificationRequest.parse($0.outcome, TestResult.Outcome.self, field: "outcome", default: .notRun),
                      notes: $0.notes ?? "", durationMS: $0.durationMS)
            }
        }
    }

    struct JUnitAcceptedDTO: Content {
        var run: String
        var runURL: String
        var job: String
        var url: String
        var tests: Int
        var passed: Int
        var failed: Int
        var errors: Int
        var skipped: Int
        var unmatched: [JUnitIngest.Unmatched]
        enum CodingKeys: String, CodingKey { case run, job, url, tests, passed, failed, errors, skipped, unmatched; case runURL = "run_url" }
        static let schema = JSONSchema.object([
            ("run", .string(description: "RUN-<number>")), ("run_url", .string()), ("job", .string(format: "uuid")),
            ("url", .string(description: "The job: poll it for progress")), ("tests", .integer()), ("passed", .integer()),
            ("failed", .integer()), ("errors", .integer()), ("skipped", .integer()),
            ("unmatched", .array(.object([("file", .string()), ("test", .string()), ("outcome", .string()), ("reason", .string())],
                                         required: ["file", "test", "outcome", "reason"]), description: "Tests no case takes: recorded as unmatched, never dropped")),
        ], required: ["run", "run_url", "job", "url", "tests", "passed", "failed", "errors", "skipped", "unmatched"])
    }

    struct DefectDTO: Content {
        var key: String
        var title: String
        var version: Int
        var severity: String
        var status: String
        var description: String
        var concerns: [String]

        init(_ artifact: Artifact, _ defect: Defect, concerns: [String]) {
            key = artifact.key
            title = artifact.title
            version = artifact.version
            severity = defect.severity.rawValue
            status = defect.status.rawValue
            description = defect.description
            self.concerns = concerns
        }

        static let schema = JSONSchema.object([
            ("key", .string()), ("title", .string()), ("version", .integer()),
            ("severity", .string(enumValues: Defect.Severity.allCases.map(\.rawValue))),
            ("status", .string(enumValues: Defect.Status.allCases.map(\.rawValue))), ("description", .string()),
            ("concerns", .array(.string(), description: "Requirement and case keys")),
        ], required: ["key", "title", "version", "severity", "status", "description", "concerns"])
    }

    struct DefectInput: Content {
        var title: String?
        var severity: String?
        var status: String?
        var description: String?
        var concerns: [String]?
        var result: UUID?
        var version: Int?
        static let schema = JSONSchema.object([
            ("title", .string()), ("severity", .string(enumValues: Defect.Severity.allCases.map(\.rawValue))),
            ("status", .string(enumValues: Defect.Status.allCases.map(\.rawValue))), ("description", .string()),
            ("concerns", .array(.string(), description: "Requirement and case keys; from a result: its case and requirements when absent")),
            ("result", .string(format: "uuid", description: "On create: the result that shows it")),
            ("version", .integer(description: "On update: the version you edited")),
        ], required: ["title"])
        func draft() throws -> DefectStore.Draft {
            .init(title: title ?? "", severity: try VerificationRequest.parse(severity, Defect.Severity.self, field: "severity", default: .major),
                  status: try VerificationRequest.parse(status, Defect.Status.self, field: "status", default: .open),
                  description: description ?? "", concerns: concerns)
        }
    }
}
