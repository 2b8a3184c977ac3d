import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import SQLKit
import Vapor

/// CI results in: the reports are read and matched at once (a bad file is refused with nothing stored, and the
/// unmatched tests come back in the answer), then kept as the run's evidence and written by a job.
public enum JUnitIngest {
    public struct Metadata: Sendable, Equatable {
        public var title = ""
        public var build = ""
        public var environment = ""
        public var commit = ""
        public init(title: String = "", build: String = "", environment: String = "", commit: String = "") {
            self.title = title
            self.build = build
            self.environment = environment
            self.commit = commit
        }
    }

    public struct Unmatched: Sendable, Equatable, Codable {
        public var file: String
        public var test: String
        public var outcome: String
        public var reason: String
    }

    public struct Accepted: Sendable {
        public let run: TestRun
        public let job: UUID
        public let counts: [JUnitTestCase.Outcome: Int]
        public let tests: Int
        public let unmatched: [Unmatched]
    }

    public static let maxFiles = 50

    /// Reads every file (all must be good), matches the tests, and in one transaction creates the run, keeps the
    /// files as its evidence and queues the job that records the results.
    public static func accept(_ context: ArtifactContext, files: [(name: String, data: Data)], metadata: Metadata) async throws -> Accepted {
        try context.requireRole(.editor, to: "upload test results")
        guard !files.isEmpty else { throw FieldsInvalid(field: "file", "send at least one JUnit XML report") }
        guard files.count <= maxFiles else { throw FieldsInvalid(field: "file", "send at most \(maxFiles) reports at once") }
        var reports: [(name: String, report: JUnitReport)] = []
        var errors: [ProblemDetails.FieldError] = []
        for file in files {
            do { reports.append((file.name, try JUnitReader.read(file.data, file: file.name))) } catch let error as JUnitError {
                errors.append(.init(field: "file", reason: error.description))
            }
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        let matcher = try await matcher(projectID: context.projectID, on: context.database)
        var unmatched: [Unmatched] = []
        var counts: [JUnitTestCase.Outcome: Int] = [:]
        for (name, report) in reports {
            for test in report.testcases {
                counts[test.outcome, default: 0] += 1
                if case .unmatched(let reason) = matcher.match(test) {
                    unmatched.append(.init(file: name, test: test.fullName, outcome: test.outcome.rawValue, reason: reason))
                }
            }
        }
        let tests = reports.reduce(0) { $0 + $1.report.testcases.count }
        let given = metadata.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let title = given.isEmpty ? "CI results" + (metadata.build.isEmpty ? "" : " of \(metadata.build)") : given
        let (run, job) = try await context.write { writer in
            let db = writer.database
            let run = try await RunStore.create(db, context, .init(title: String(title.prefix(200)), environment: metadata.environment,
                                                                   build: metadata.build, commit: metadata.commit), source: .junit)
            for file in files {
                _ = try await RunStore.attach(context.on(db), runID: run.id!, resultID: nil, name: file.name, content: file.data)
            }
            let job = try await JobQueue.enqueue(kind: JUnitIngestJob.kind, payload: JUnitIngestJob.Payload(
                run: run.id!, project: context.projectID, role: context.role, user: context.actor.userID, label: context.actor.label),
                on: db, maxAttempts: 1, projectID: context.projectID, createdBy: context.actor.userID)
            run.jobID = job
            try await run.update(on: db)
            return (run, job)
        }
        return Accepted(run: run, job: job, counts: counts, tests: tests, unmatched: unmatched)
    }

    static func matcher(projectID: UUID, on db: any Database) async throws -> JUnitMatcher {
        let cases = try await VerificationQueries.cases(projectID: projectID, on: db).filter { $0.status != .retired }
        let requirementKeys = try await VerificationQueries.requirementIDs(projectID: projectID, on: db).keys
        let live = Set(cases.map(\.id))
        let mappings = try await JUnitMapping.query(on: db).filter(\.$projectID == projectID).sort(\.$position).all()
            .filter { live.contains($0.caseID) }
        return JUnitMatcher(cases: Dictionary(cases.map { ($0.key, $0.id) }, uniquingKeysWith: { a, _ in a }),
                            requirements: Set(requirementKeys), patterns: mappings.map { ($0.pattern, $0.caseID) })
    }

    /// Writes the results of a run's reports: matched tests as results of their cases (automated cases created or
    /// reused for tests naming requirements), the others as unmatched results. One transaction.
    public static func apply(_ context: ArtifactContext, runID: UUID, progress: @escaping @Sendable (Int, String) async throws -> Void) async throws -> String {
        let db = context.database
        guard let run = try await TestRun.query(on: db).filter(\.$id == runID).filter(\.$projectID == context.projectID).first() else {
            throw Abort(.gone, reason: "The run is gone (the project was deleted).")
        }
        let files = try await TestEvidence.query(on: db).filter(\.$runID == runID).filter(\.$resultID == nil).sort(\.$uploadedAt).all()
        var reports: [(name: String, report: JUnitReport)] = []
        for file in files {
            guard let blob = try await Blob.find(file.blobID, on: db) else { continue }
            reports.append((file.name, try JUnitReader.read(blob.content, file: file.name)))
        }
        let total = reports.reduce(0) { $0 + $1.report.testcases.count }
        let read = reports
        try await progress(20, "matching and writing \(total) tests")
        // No progress inside the transaction: on SQLite the job row's update would wait for this very transaction.
        return try await context.write { writer in
            let db = writer.database
            let matcher = try await matcher(projectID: context.projectID, on: db)
            var known = Known(
                automated: try await TestCase.query(on: db).filter(\.$projectID == context.projectID).filter(\.$automated == true).all()
                    .reduce(into: [String: UUID]()) { map, row in if let name = row.automationID { map[name] = row.id! } },
                verifies: try await VerificationQueries.verifies(projectID: context.projectID, on: db).mapValues(Set.init),
                requirements: try await VerificationQueries.requirementIDs(projectID: context.projectID, on: db))
            // First every test's case: automated ones that exist get any missing `verifies` links, new ones are created
            // together (one batch, not twenty statements per case).
            var caseIDs: [[UUID?]] = []
            var reasons: [[String]] = []
            var newCases: [(testName: String, title: String, requirements: [UUID])] = []
            var newIndex: [String: Int] = [:]
            var missingLinks: [(source: UUID, target: UUID)] = []
            var pending: [(report: Int, test: Int, name: String)] = []
            for (r, (_, report)) in read.enumerated() {
                caseIDs.append(Array(repeating: nil, count: report.testcases.count))
                reasons.append(Array(repeating: "", count: report.testcases.count))
                for (t, test) in report.testcases.enumerated() {
                    switch matcher.match(test) {
                    case .testCase(let id): caseIDs[r][t] = id
                    case .unmatched(let why): reasons[r][t] = why
                    case .requirements(let keys):
                        let name = String(test.fullName.prefix(1000))
                        let requirements = keys.compactMap { known.requirements[$0] }
                        if let id = known.automated[name] {
                            caseIDs[r][t] = id
                            for requirement in requirements where known.verifies[id, default: []].insert(requirement).inserted {
                                missingLinks.append((id, requirement))
                            }
                        } else if let index = newIndex[name] {
                            newCases[index].requirements += requirements.filter { !newCases[index].requirements.contains($0) }
                            pending.append((r, t, name))
                        } else {
                            var title = test.name.isEmpty ? name : test.name
                            if title.count > 200 { title = String(title.prefix(199)) + "…" }
                            newIndex[name] = newCases.count
                            newCases.append((name, title, requirements))
                            pending.append((r, t, name))
                        }
                    }
                }
            }
            try await writer.linkMany(VerificationKinds.verifies.id, missingLinks)
            let created = try await CaseStore.createAutomated(writer, context.on(db), newCases)
            for entry in pending { caseIDs[entry.report][entry.test] = created[newIndex[entry.name]!] }

            var rows: [TestResult] = []
            var matched = 0
            for (r, (_, report)) in read.enumerated() {
                for (t, test) in report.testcases.enumerated() {
                    let caseID = caseIDs[r][t]
                    if caseID != nil { matched += 1 }
                    let result = RunStore.result(run: run, caseID: caseID, outcome: outcome(test.outcome),
                                                 notes: test.outcome == .error ? "error: " + test.message : test.message,
                                                 durationMS: test.duration.map { Int(($0 * 1000).rounded()) }, revision: writer.revision, context.on(db))
                    result.testName = String(test.fullName.prefix(1000))
                    result.reportOutcome = test.outcome.rawValue
                    result.unmatchedReason = reasons[r][t]
                    rows.append(result)
                }
            }
            try await insert(rows, on: db)
            run.status = .closed
            let summary = "\(total) tests: \(matched) matched, \(total - matched) unmatched"
            run.note = summary
            try await run.update(on: db)
            try await AuditLog.record(AuditEvent("test-run.ingested", kind: "test-run", id: runID.uuidString, key: run.name,
                                                 project: context.projectID, after: ["tests": String(total), "matched": String(matched)]),
                                      by: context.actor, on: db, at: context.now)
            return summary
        }
    }

    static func outcome(_ outcome: JUnitTestCase.Outcome) -> TestResult.Outcome {
        switch outcome {
        case .passed: .pass
        case .failed, .error: .fail
        case .skipped: .notRun
        }
    }

    /// What ingestion reads once per upload: automated cases by test name, every case's `verifies` targets, and the
    /// project's requirements by key.
    struct Known {
        var automated: [String: UUID]
        var verifies: [UUID: Set<UUID>]
        let requirements: [String: UUID]
    }

    /// Many results in a few statements (a 10,000-test report is one CI upload).
    static func insert(_ rows: [TestResult], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: rows.count, by: 400) {
            var insert = sql.insert(into: TestResult.schema).columns(
                "id", "project_id", "run_id", "case_id", "outcome", "notes", "duration_ms", "revision", "recorded_at", "recorded_by",
                "test_name", "report_outcome", "unmatched_reason")
            for row in rows[start..<min(start + 400, rows.count)] {
                insert = insert.values(SQLBind(row.id!), SQLBind(row.projectID), SQLBind(row.runID), SQLBind(row.caseID), SQLBind(row.outcome.rawValue),
                                       SQLBind(row.notes), SQLBind(row.durationMS), SQLBind(row.revision), SQLBind(row.recordedAt), SQLBind(row.recordedBy),
                                       SQLBind(row.testName), SQLBind(row.reportOutcome), SQLBind(row.unmatchedReason))
            }
            try await insert.run()
        }
    }
}
